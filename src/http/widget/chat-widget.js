/*
 * Hearken chat widget: plain browser JavaScript, no framework, no requests anywhere but the
 * Hearken server it came from. Put it on a page with
 *   <script src="https://<hearken>/widget.js" data-organisation="<slug>" async></script>
 * Optional: data-title="Talk to us" (the panel's heading), data-open="true" (start open).
 * The WebSocket protocol is documented in docs/chat-widget.md.
 */
/* global window, document, localStorage, WebSocket, setInterval */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[data-organisation][src*="widget.js"]');
  var slug = script && script.getAttribute('data-organisation');
  if (!slug) {
    console.error('Hearken chat: add data-organisation="<your organisation>" to the widget\'s script tag');
    return;
  }
  var origin = new URL(script.src, window.location.href);
  var socketUrl =
    (origin.protocol === 'https:' ? 'wss://' : 'ws://') +
    origin.host +
    '/api/v1/channels/' +
    encodeURIComponent(slug) +
    '/chat';
  var storeKey = 'hearken-chat:' + origin.host + ':' + slug;
  var title = script.getAttribute('data-title') || 'Chat with us';

  // What survives a reload: the conversation's token, who the visitor is, and unsent messages.
  var state = load();
  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(storeKey) || '{}');
      return {
        token: saved.token || null,
        customer: saved.customer || null,
        outbox: Array.isArray(saved.outbox) ? saved.outbox : [],
      };
    } catch {
      return { token: null, customer: null, outbox: [] };
    }
  }
  function save() {
    try {
      localStorage.setItem(storeKey, JSON.stringify(state));
    } catch {
      /* private mode: the conversation lasts as long as the page */
    }
  }

  // ---- the interface ------------------------------------------------------------------------
  var host = document.createElement('div');
  host.setAttribute('data-hearken-chat', slug);
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  root.innerHTML =
    '<style>' +
    ':host{all:initial}*{box-sizing:border-box;font:15px/1.4 system-ui,sans-serif}[hidden]{display:none!important}' +
    '.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:24px;padding:12px 18px;background:#2256c5;color:#fff;cursor:pointer;box-shadow:0 2px 8px #0004}' +
    '.launcher:focus-visible,button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #f5a623;outline-offset:2px}' +
    '.badge{margin-left:6px;background:#fff;color:#2256c5;border-radius:10px;padding:0 6px}' +
    '.panel{position:fixed;right:20px;bottom:80px;z-index:2147483000;width:min(360px,calc(100vw - 40px));height:min(520px,calc(100vh - 120px));display:flex;flex-direction:column;background:#fff;color:#1d2330;border-radius:12px;box-shadow:0 4px 24px #0005;overflow:hidden}' +
    'header{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:#2256c5;color:#fff}' +
    'h2{margin:0;font-size:16px;font-weight:600}header button{background:none;border:0;color:#fff;font-size:20px;cursor:pointer}' +
    '.status{padding:4px 14px;font-size:13px;color:#555;min-height:1.4em}ol{list-style:none;margin:0;padding:8px 14px;flex:1;overflow-y:auto}' +
    'li{margin:6px 0;max-width:85%;padding:8px 10px;border-radius:10px;background:#eef1f6;white-space:pre-wrap;word-wrap:break-word}' +
    'li.customer{margin-left:auto;background:#dce6fb}li.system{max-width:100%;background:none;color:#555;font-style:italic;text-align:center}' +
    '.who{display:block;font-size:12px;font-weight:600}.state{display:block;font-size:12px;color:#555;text-align:right}.failed .state{color:#b00020}' +
    'form{display:flex;flex-direction:column;gap:6px;padding:10px 14px;border-top:1px solid #e3e6ec}label{font-size:13px}' +
    'input,textarea{width:100%;padding:8px;border:1px solid #99a;border-radius:6px}textarea{resize:none;height:64px}' +
    '.row{display:flex;gap:8px;justify-content:flex-end}.row button{border:0;border-radius:6px;padding:8px 14px;background:#2256c5;color:#fff;cursor:pointer}' +
    '.row button.plain{background:#e3e6ec;color:#1d2330}.retry{margin-left:6px;border:0;background:none;color:#2256c5;text-decoration:underline;cursor:pointer}' +
    '</style>' +
    '<button type="button" class="launcher" aria-expanded="false" aria-controls="hk-panel"><span class="label"></span><span class="badge" hidden></span></button>' +
    '<div class="panel" id="hk-panel" role="dialog" aria-labelledby="hk-title" hidden>' +
    '<header><h2 id="hk-title"></h2><button type="button" class="close" aria-label="Close chat">×</button></header>' +
    '<p class="status" role="status"></p>' +
    '<ol class="log" role="log" aria-live="polite" aria-relevant="additions" aria-label="Conversation"></ol>' +
    '<form class="details" novalidate><p class="intro" style="margin:0">Tell us who you are, so we can get back to you.</p>' +
    '<label for="hk-name">Your name</label><input id="hk-name" name="name" autocomplete="name" required maxlength="200">' +
    '<label for="hk-email">Email</label><input id="hk-email" name="email" type="email" autocomplete="email" maxlength="320">' +
    '<label for="hk-phone">or phone</label><input id="hk-phone" name="phone" type="tel" autocomplete="tel" maxlength="40">' +
    '<div class="row"><button type="submit">Start chat</button></div></form>' +
    '<form class="compose" hidden><label for="hk-text">Your message</label>' +
    '<textarea id="hk-text" name="text" maxlength="8000" aria-describedby="hk-hint"></textarea>' +
    '<span id="hk-hint" style="font-size:12px;color:#555">Enter sends, Shift+Enter starts a new line.</span>' +
    '<div class="row"><button type="button" class="plain end">End chat</button><button type="submit">Send</button></div></form>' +
    '</div>';
  var $ = function (selector) {
    return root.querySelector(selector);
  };
  var launcher = $('.launcher'),
    panel = $('.panel'),
    log = $('.log'),
    status = $('.status'),
    badge = $('.badge');
  var details = $('.details'),
    compose = $('.compose'),
    text = $('#hk-text');
  $('.label').textContent = title;
  $('#hk-title').textContent = title;
  var unread = 0;
  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      unread = 0;
      badge.hidden = true;
      showForms();
      (state.customer ? text : $('#hk-name')).focus();
      if (state.token || state.outbox.length) connect();
    } else {
      launcher.focus();
    }
  }
  function showForms() {
    details.hidden = !!state.customer;
    compose.hidden = !state.customer;
  }
  launcher.addEventListener('click', function () {
    setOpen(panel.hidden);
  });
  $('.close').addEventListener('click', function () {
    setOpen(false);
  });
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
    }
  });
  details.addEventListener('submit', function (event) {
    event.preventDefault();
    var name = $('#hk-name').value.trim(),
      email = $('#hk-email').value.trim(),
      phone = $('#hk-phone').value.trim();
    if (!name) return say('Please give your name.', $('#hk-name'));
    if (!email && !phone) return say('Please give an email address or a phone number.', $('#hk-email'));
    state.customer = { name: name, email: email || null, phone: phone || null };
    save();
    showForms();
    text.focus();
    if (state.outbox.length) ensureSession();
  });
  function say(message, field) {
    status.textContent = message;
    if (field) field.focus();
  }
  text.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  });
  compose.addEventListener('submit', function (event) {
    event.preventDefault();
    submit();
  });
  $('.end').addEventListener('click', function () {
    if (state.token && welcomed) sendFrame({ type: 'end' });
  });

  // ---- messages -----------------------------------------------------------------------------
  var shown = {}; // clientId, or conversation and seq -> <li>
  var conversation = ''; // the session the seq numbers belong to
  function seqKey(seq) {
    return conversation + '#' + seq;
  }
  function show(message, pending) {
    var key = message.clientId || seqKey(message.seq);
    var item = shown[key] || (message.seq && shown[seqKey(message.seq)]);
    if (!item) {
      item = document.createElement('li');
      item.className = message.from;
      var who = document.createElement('span');
      who.className = 'who';
      who.textContent = message.from === 'customer' ? 'You' : message.from === 'agent' ? message.name || 'Agent' : '';
      var body = document.createElement('span');
      body.textContent = message.text; // never HTML: what anyone types is shown as text
      item.appendChild(who);
      item.appendChild(body);
      log.appendChild(item);
      log.scrollTop = log.scrollHeight;
    }
    shown[key] = item;
    if (message.seq) shown[seqKey(message.seq)] = item;
    if (message.from === 'customer') mark(item, pending || 'sent');
  }
  function mark(item, what, reason) {
    var label = item.querySelector('.state');
    if (!label) {
      label = document.createElement('span');
      label.className = 'state';
      item.appendChild(label);
    }
    item.classList.toggle('failed', what === 'failed');
    label.textContent =
      what === 'sending' ? 'Sending…' : what === 'sent' ? 'Sent' : 'Not sent' + (reason ? ': ' + reason : '');
  }
  function newId() {
    return window.crypto && window.crypto.randomUUID
      ? window.crypto.randomUUID()
      : Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
  }
  var encoder = window.TextEncoder ? new window.TextEncoder() : null;
  function submit() {
    var value = text.value.trim();
    if (!value) return;
    if (encoder && encoder.encode(JSON.stringify(value)).length > 40000)
      return say('That message is too long to send in one go; please split it.', text);
    var message = { clientId: newId(), text: value, sentAt: 0 };
    state.outbox.push(message);
    save();
    text.value = '';
    show({ clientId: message.clientId, from: 'customer', text: value }, 'sending');
    ensureSession();
  }
  /** Sends what has not been acknowledged, oldest first; the server stores each clientId once. */
  function flush() {
    var now = Date.now();
    state.outbox.forEach(function (message) {
      if (welcomed && now - message.sentAt > 5000) {
        message.sentAt = now;
        sendFrame({ type: 'message', clientId: message.clientId, text: message.text });
      }
    });
  }
  setInterval(function () {
    if (welcomed && state.outbox.length) flush();
  }, 5000);

  // ---- the connection -----------------------------------------------------------------------
  var socket = null,
    welcomed = false,
    greeting = false,
    attempts = 0,
    retryTimer = null,
    gaveUp = false;
  function ensureSession() {
    if (welcomed) flush();
    else if (socket && socket.readyState === 1) hello();
    else connect();
  }
  function connect() {
    if (socket || gaveUp || (!state.customer && !state.token)) return;
    clearTimeout(retryTimer);
    status.textContent = 'Connecting…';
    try {
      socket = new WebSocket(socketUrl);
    } catch {
      socket = null;
      return retry();
    }
    socket.onopen = function () {
      attempts = 0;
      hello();
    };
    socket.onmessage = function (event) {
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame && typeof frame.type === 'string') receive(frame);
    };
    socket.onclose = function (event) {
      socket = null;
      welcomed = greeting = false;
      if (event.code === 4404) {
        gaveUp = true;
        status.textContent = 'Chat is not available here.';
        return;
      }
      // 1000: the chat ended; anything written since goes to a new conversation.
      if (event.code === 1000) {
        if (state.outbox.length) connect();
        return;
      }
      retry();
    };
  }
  function retry() {
    var delay = Math.min(30000, 1000 * Math.pow(2, attempts++)) * (0.5 + Math.random() / 2);
    status.textContent = 'Connection lost. Reconnecting…';
    retryTimer = setTimeout(connect, delay);
  }
  function sendFrame(frame) {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify(frame));
  }
  function hello() {
    if (greeting || welcomed || (!state.token && !state.customer)) return;
    greeting = true;
    sendFrame(state.token ? { type: 'hello', token: state.token } : { type: 'hello', customer: state.customer });
  }
  function receive(frame) {
    if (frame.type === 'welcome') {
      state.token = frame.token;
      conversation = frame.sessionId;
      welcomed = true;
      greeting = false;
      status.textContent = frame.resumed ? 'Welcome back.' : 'Connected. We will answer as soon as we can.';
      (frame.history || []).forEach(function (message) {
        state.outbox = state.outbox.filter(function (m) {
          return m.clientId !== message.clientId;
        });
        show(message);
      });
      // What is still waiting comes after the history, as it was written after it.
      state.outbox.forEach(function (m) {
        m.sentAt = 0;
        show({ clientId: m.clientId, from: 'customer', text: m.text }, 'sending');
        log.appendChild(shown[m.clientId]);
      });
      save();
      flush();
    } else if (frame.type === 'ack') {
      state.outbox = state.outbox.filter(function (m) {
        return m.clientId !== frame.clientId;
      });
      save();
      var item = shown[frame.clientId];
      if (item) {
        shown[seqKey(frame.seq)] = item;
        mark(item, 'sent');
      }
    } else if (frame.type === 'message') {
      var known = shown[seqKey(frame.seq)];
      show(frame);
      if (!known && panel.hidden) {
        unread++;
        badge.textContent = String(unread);
        badge.hidden = false;
      }
    } else if (frame.type === 'ended') {
      state.token = null;
      save();
      welcomed = false;
      status.textContent = 'The chat has ended. Write again to start a new one.';
    } else if (frame.type === 'error') {
      onError(frame);
    }
  }
  function onError(frame) {
    greeting = false;
    if (frame.code === 'unknown_session' || frame.code === 'session_ended' || frame.code === 'session_full') {
      // Start a fresh conversation; whatever is waiting is sent there.
      state.token = null;
      save();
      if (!state.customer) {
        showForms();
        status.textContent = 'Please tell us who you are to start a new chat.';
      } else if (welcomed) {
        welcomed = false;
        socket.close(4000, 'New conversation');
      } // reconnects with a hello
      else hello();
      return;
    }
    if (!welcomed && (frame.code === 'invalid_field' || frame.code === 'customer_required')) {
      state.customer = null; // the server could not use these details: ask again
      save();
      showForms();
      return say(frame.message, $('#hk-name'));
    }
    var retryable = frame.code === 'internal' || frame.code === 'rate_limited';
    if (frame.clientId && !retryable) {
      var failed = state.outbox.filter(function (m) {
        return m.clientId === frame.clientId;
      })[0];
      state.outbox = state.outbox.filter(function (m) {
        return m.clientId !== frame.clientId;
      });
      save();
      var item = shown[frame.clientId];
      if (item && failed) {
        mark(item, 'failed', frame.message);
        var again = document.createElement('button');
        again.type = 'button';
        again.className = 'retry';
        again.textContent = 'Edit and send again';
        again.addEventListener('click', function () {
          text.value = failed.text;
          item.remove();
          text.focus();
        });
        item.appendChild(again);
      }
    } else if (!frame.clientId) {
      status.textContent = frame.message;
    }
  }

  function start() {
    document.body.appendChild(host);
    state.outbox.forEach(function (m) {
      show({ clientId: m.clientId, from: 'customer', text: m.text }, 'sending');
    });
    if (state.token || state.outbox.length) connect();
    if (script.getAttribute('data-open') === 'true') setOpen(true);
  }
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
