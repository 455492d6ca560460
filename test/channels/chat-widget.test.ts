import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { loadWidget } from './fake-dom.ts';

let t: TestApp;
let scriptUrl: string;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  scriptUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/widget.js`;
});
afterAll(() => t.close());

async function until(what: string, check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sessionsOf = async (tenantId: string) => {
  const result = (await t.database.db.execute(
    `SELECT id FROM chat_sessions WHERE tenant_id = '${tenantId}' ORDER BY started_at` as never,
  )) as unknown as {
    rows: { id: string }[];
  };
  return result.rows.map((r) => r.id);
};

describe('the chat widget script, run against the server', () => {
  it('asks who the visitor is, talks both ways, survives a reload and an offline message, and starts anew after ending', async () => {
    const tenant = await t.newTenant();
    const storage = new Map<string, string>();
    const pages: ReturnType<typeof loadWidget>[] = [];
    const open = () => {
      const page = loadWidget(tenant.tenant.slug, scriptUrl, storage);
      pages.push(page);
      return page;
    };
    try {
      let page = open();
      const { $ } = page;
      expect($('.launcher').textContent).toContain('Chat with us');
      expect($('.panel').hidden).toBe(true);
      $('.launcher').fire('click');
      expect($('.panel').hidden).toBe(false);
      expect($('.launcher').getAttribute('aria-expanded')).toBe('true');
      expect(page.document.activeElement).toBe($('#hk-name'));
      $('.panel').fire('keydown', { key: 'Escape' });
      expect($('.panel').hidden).toBe(true);
      expect(page.document.activeElement).toBe($('.launcher'));
      $('.launcher').fire('click');

      $('#hk-name').value = 'Mia';
      $('.details').fire('submit');
      expect($('.status').textContent).toMatch(/email/);
      $('#hk-email').value = 'mia@example.com';
      $('.details').fire('submit');
      expect($('.details').hidden).toBe(true);
      expect(page.document.activeElement).toBe($('#hk-text'));

      $('#hk-text').value = 'My roaming <b>does not</b> work';
      $('#hk-text').fire('keydown', { key: 'Enter', shiftKey: false });
      expect(page.log()[0]!.textContent).toContain('Sending');
      await until('the ack', () => page.log()[0]!.textContent.includes('Sent'));
      expect(page.log()[0]!.children.some((c) => c.tag === 'b')).toBe(false); // shown as text
      const [sessionId] = await sessionsOf(tenant.tenant.id);

      $('.launcher').fire('click'); // closed: an agent's message counts as unread
      const answer = await t.call(tenant.token, {
        method: 'POST',
        url: `/api/v1/chat/sessions/${sessionId}/messages`,
        payload: { text: 'Hello Mia, checking now.' },
      });
      expect(answer.statusCode).toBe(201);
      await until('the agent message', () => page.log().length === 2);
      expect(page.log()[1]!.textContent).toMatch(/Administrator.*checking now/);
      expect($('.badge').hidden).toBe(false);
      expect($('.badge').textContent).toBe('1');

      // A reload resumes the same conversation with its history.
      page.close();
      page = open();
      await until('the history', () => page.log().length === 2);
      expect(page.$('.badge').hidden).toBe(true);

      // A message written while offline waits in storage and is sent once on the next visit.
      page.close();
      const key = [...storage.keys()][0]!;
      const saved = JSON.parse(storage.get(key)!);
      saved.outbox.push({ clientId: 'offline-1', text: 'Written while offline', sentAt: 0 });
      storage.set(key, JSON.stringify(saved));
      page = open();
      await until('the queued message', () => page.log().length === 3 && page.log()[2]!.textContent.includes('Sent'));
      page.close();
      page = open();
      await until('the history again', () => page.log().length === 3);
      const session = (await t.call(tenant.token, { method: 'GET', url: `/api/v1/chat/sessions/${sessionId}` })).json();
      expect(session.messages.map((m: { text: string }) => m.text)).toEqual([
        'My roaming <b>does not</b> work',
        'Hello Mia, checking now.',
        'Written while offline',
      ]);

      // Ending: the next message starts a new conversation, numbered afresh without clashing.
      page.$('.launcher').fire('click');
      page.$('.end').fire('click');
      await until('the end', () => page.$('.status').textContent.includes('ended'));
      page.$('#hk-text').value = 'A new question';
      page.$('.compose').fire('submit');
      await until('a new conversation', () => page.log().length === 5 && page.log()[4]!.textContent.includes('Sent'));
      const sessions = await sessionsOf(tenant.tenant.id);
      expect(sessions).toHaveLength(2);
      await t.call(tenant.token, {
        method: 'POST',
        url: `/api/v1/chat/sessions/${sessions[1]}/messages`,
        payload: { text: 'Answer in the new one' },
      });
      await until('the answer in the new conversation', () => page.log().length === 6);
    } finally {
      pages.forEach((p) => p.close());
    }
  });

  it('tells the visitor when the organisation has no chat here', async () => {
    const page = loadWidget('nobody-here', scriptUrl, new Map());
    try {
      page.$('.launcher').fire('click');
      page.$('#hk-name').value = 'X';
      page.$('#hk-phone').value = '+44 7700 900123';
      page.$('.details').fire('submit');
      page.$('#hk-text').value = 'hi';
      page.$('.compose').fire('submit');
      await until('giving up', () => page.$('.status').textContent.includes('not available'));
    } finally {
      page.close();
    }
  });
});
