import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { createTenant, type CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { ChatClient } from './chat-client.ts';

/**
 * Two Hearken servers on one PostgreSQL database, as behind a load balancer: a visitor's widget
 * is connected to one, the agent answers through the other. Only PostgreSQL has several
 * processes on one store; the embedded store belongs to one process.
 */
const databaseUrl = process.env.DATABASE_URL;

describe.runIf(databaseUrl)('live chat across server processes', () => {
  const servers: { database: Database; app: FastifyInstance; origin: string }[] = [];
  let tenant: CreatedTenant;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const database = await openDatabase({ databaseUrl: databaseUrl!, dataDir: '', poolSize: 4 });
      const app = await buildApp({ database });
      await app.listen({ port: 0, host: '127.0.0.1' });
      servers.push({ database, app, origin: `127.0.0.1:${(app.server.address() as AddressInfo).port}` });
    }
    tenant = await createTenant(servers[0]!.database.db, {
      slug: `multi-${Date.now().toString(36)}`,
      name: 'Two Servers Mobile',
    });
  });
  afterAll(async () => {
    for (const { app, database } of servers) {
      await app.close();
      await database.close();
    }
  });

  it('delivers an answer sent through one server to the visitor connected to the other', async () => {
    const [first, second] = servers;
    const visitor = await ChatClient.open(`ws://${first!.origin}/api/v1/channels/${tenant.tenant.slug}/chat`);
    const { sessionId } = await visitor.ask(
      { type: 'hello', customer: { name: 'Sam Okafor', email: 'sam@example.org' } },
      'welcome',
    );
    expect(
      await visitor.ask({ type: 'message', clientId: 'm-1', text: 'Is there an outage in Leeds?' }, 'ack'),
    ).toMatchObject({ seq: 1 });

    const staff = await ChatClient.open(`ws://${second!.origin}/api/v1/chat/live`, {
      authorization: `Bearer ${tenant.token}`,
    });
    await staff.ofType('ready');
    const answer = await fetch(`http://${second!.origin}/api/v1/chat/sessions/${String(sessionId)}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Yes — engineers expect it fixed by 6 pm.' }),
    });
    expect(answer.status).toBe(201);
    expect(await visitor.ofType('message')).toMatchObject({
      seq: 2,
      from: 'agent',
      text: 'Yes — engineers expect it fixed by 6 pm.',
    });

    // And the other way: the visitor's next message reaches the agent watching on the second server.
    visitor.send({ type: 'message', clientId: 'm-2', text: 'Thanks!' });
    const seen = await staff.ofType(
      'event',
      (f) => f.kind === 'chat_message' && (f.message as { seq: number } | undefined)?.seq === 3,
    );
    expect(seen).toMatchObject({ chatSessionId: sessionId, message: { text: 'Thanks!', speakerRole: 'customer' } });
    await Promise.all([visitor.close(), staff.close()]);
  });
});
