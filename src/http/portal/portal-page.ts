/**
 * The customer portal's page: sign in, see my cases and our conversation, write to us. Plain
 * HTML and script on purpose — it works without the staff web app and without a build step.
 * Everything it shows comes from /api/v1/portal with the customer's session cookie.
 */
export const PORTAL_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Customer portal</title>
<style>
  :root { --ink: #1d2330; --muted: #5b6475; --line: #dde1e8; --accent: #2256c5; --bg: #f5f6f8; }
  * { box-sizing: border-box; }
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: var(--ink); background: var(--bg); }
  header { background: #fff; border-bottom: 1px solid var(--line); padding: .75rem 1.5rem; display: flex; justify-content: space-between; align-items: center; }
  main { max-width: 52rem; margin: 2rem auto; padding: 0 1rem; display: grid; gap: 1.5rem; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem 1.5rem; }
  h1 { font-size: 1.15rem; margin: 0; } h2 { font-size: 1.05rem; margin: 0 0 .75rem; }
  label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
  input, textarea, select { width: 100%; font: inherit; padding: .5rem .6rem; border: 1px solid var(--line); border-radius: 6px; }
  textarea { min-height: 7rem; resize: vertical; }
  button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; margin-top: .75rem; }
  button.link { background: none; color: var(--accent); border: none; padding: 0; margin: 0; text-decoration: underline; }
  :focus-visible { outline: 3px solid #8fb0f5; outline-offset: 2px; }
  ul.cases { list-style: none; margin: 0; padding: 0; }
  ul.cases li { border-top: 1px solid var(--line); padding: .6rem 0; display: flex; justify-content: space-between; gap: 1rem; }
  .status { font-size: .8rem; padding: .1rem .5rem; border-radius: 99px; background: #eef1f6; color: var(--muted); white-space: nowrap; }
  .msg { border-left: 3px solid var(--line); padding: .25rem .75rem; margin: .75rem 0; white-space: pre-wrap; }
  .msg.us { border-color: var(--accent); }
  .meta { color: var(--muted); font-size: .85rem; }
  .error { color: #a3261b; } .ok { color: #1f7a3f; } [hidden] { display: none !important; }
</style></head>
<body>
<header><h1 id="title">Customer portal</h1><button id="signout" class="link" hidden>Sign out</button></header>
<main>
  <section id="signin" aria-labelledby="signin-h">
    <h2 id="signin-h">Sign in</h2>
    <form id="signin-form">
      <label for="email">Email</label><input id="email" type="email" autocomplete="username" required>
      <label for="password">Password</label><input id="password" type="password" autocomplete="current-password" required>
      <button type="submit">Sign in</button>
      <p id="signin-error" class="error" role="alert"></p>
    </form>
  </section>
  <section id="cases" aria-labelledby="cases-h" hidden>
    <h2 id="cases-h">My requests</h2>
    <p id="cases-empty" class="meta" hidden>You have no requests yet. Write to us below.</p>
    <ul class="cases" id="case-list" aria-live="polite"></ul>
  </section>
  <section id="case" aria-labelledby="case-h" hidden>
    <h2 id="case-h"></h2><div id="messages"></div>
  </section>
  <section id="write" aria-labelledby="write-h" hidden>
    <h2 id="write-h">Write to us</h2>
    <form id="write-form">
      <label for="about">About</label><select id="about"><option value="">A new request</option></select>
      <label for="subject">Subject</label><input id="subject" maxlength="200">
      <label for="text">Message</label><textarea id="text" required maxlength="20000"></textarea>
      <button type="submit">Send</button>
      <p id="write-status" role="status"></p>
    </form>
  </section>
</main>
<script>
(function () {
  var organisation = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  var $ = function (id) { return document.getElementById(id); };
  function api(method, path, body) {
    return fetch('/api/v1' + path, { method: method, credentials: 'same-origin', headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined })
      .then(function (res) { return res.json().catch(function () { return {}; }).then(function (data) { if (!res.ok) throw new Error((data.error && data.error.message) || res.statusText); return data; }); });
  }
  function text(tag, value, cls) { var el = document.createElement(tag); el.textContent = value; if (cls) el.className = cls; return el; }
  function when(iso) { return new Date(iso).toLocaleString(); }
  function signedIn(yes) { $('signin').hidden = yes; $('cases').hidden = !yes; $('write').hidden = !yes; $('signout').hidden = !yes; if (!yes) $('case').hidden = true; }
  function loadCases() {
    return api('GET', '/portal/cases').then(function (data) {
      var list = $('case-list'); list.replaceChildren();
      var about = $('about'); about.replaceChildren(text('option', 'A new request')); about.firstChild.value = '';
      $('cases-empty').hidden = data.items.length > 0;
      data.items.forEach(function (c) {
        var li = document.createElement('li');
        var open = text('button', c.reference + ' — ' + c.subject, 'link');
        open.addEventListener('click', function () { showCase(c.id); });
        li.append(open, text('span', c.status, 'status'));
        list.append(li);
        if (c.status !== 'closed') { var o = text('option', c.reference + ' — ' + c.subject); o.value = c.id; about.append(o); }
      });
      signedIn(true);
    });
  }
  function showCase(id) {
    api('GET', '/portal/cases/' + id).then(function (c) {
      $('case-h').textContent = c.reference + ' — ' + c.subject + ' (' + c.status + ')';
      var box = $('messages'); box.replaceChildren();
      c.messages.forEach(function (m) {
        var div = text('div', m.text, 'msg ' + m.from);
        div.prepend(text('div', (m.from === 'you' ? 'You' : 'Customer service') + ' · ' + m.channel + ' · ' + when(m.at), 'meta'));
        box.append(div);
      });
      $('case').hidden = false; $('about').value = c.status === 'closed' ? '' : c.id; $('case-h').focus();
    });
  }
  $('case-h').tabIndex = -1;
  $('signin-form').addEventListener('submit', function (e) {
    e.preventDefault(); $('signin-error').textContent = '';
    api('POST', '/auth/login', { tenant: organisation, email: $('email').value, password: $('password').value })
      .then(loadCases).catch(function (err) { $('signin-error').textContent = err.message; });
  });
  $('write-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var status = $('write-status'); status.className = ''; status.textContent = 'Sending…';
    var body = { text: $('text').value, clientId: String(Date.now()) + Math.random().toString(36).slice(2) };
    if ($('subject').value) body.subject = $('subject').value;
    if ($('about').value) body.caseId = $('about').value;
    api('POST', '/portal/messages', body).then(function (r) {
      status.className = 'ok'; status.textContent = 'Sent' + (r.caseReference ? ' — your request is ' + r.caseReference : '') + '.';
      $('text').value = ''; $('subject').value = '';
      return loadCases().then(function () { if (r.caseId) showCase(r.caseId); });
    }).catch(function (err) { status.className = 'error'; status.textContent = 'Not sent: ' + err.message; });
  });
  $('signout').addEventListener('click', function () { api('POST', '/auth/logout').finally(function () { signedIn(false); }); });
  loadCases().catch(function () { signedIn(false); });
})();
</script>
</body></html>`;
