import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.ts';
import { ownPostgresDatabase } from '../helpers/own-database.ts';

const embedded = !process.env.DATABASE_URL;
let dir: string;
let dataDir: string;

let store: Awaited<ReturnType<typeof ownPostgresDatabase>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearken-cli-'));
  dataDir = join(dir, 'data');
  // The server started here runs every organisation's due jobs: on a database of its own, only its own.
  store = await ownPostgresDatabase('hearken_cli');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await store?.drop();
});

const slug = () => `cli-${randomUUID().slice(0, 8)}`;
// Every step starts a process that opens the embedded store: seconds each on a busy machine.
const PROCESSES = { timeout: 120_000 };

describe('hearken tenant create, serve', PROCESSES, () => {
  it('creates a tenant whose token works against the server', async () => {
    const tenantSlug = slug();
    const created = await runCli(
      ['tenant', 'create', tenantSlug, '--name', 'CLI Mobile', '--json', '--data-dir', dataDir],
      { env: store.env },
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const result = JSON.parse(created.stdout);
    expect(result.tenant).toMatchObject({ slug: tenantSlug, name: 'CLI Mobile' });
    expect(result.token).toMatch(/^hk_/);
    expect(result.admin.email).toContain('@');

    const server = startCli(['serve', '--port', '0', '--data-dir', dataDir], /Hearken listening on (http:\/\/\S+)/, {
      env: store.env,
    });
    try {
      const [, url] = await server.started;
      const health = await fetch(`${url}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const res = await fetch(`${url}/api/v1/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${result.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'sms',
          direction: 'inbound',
          customer: { phone: '+447700900100' },
          text: 'from the CLI test',
        }),
      });
      expect(res.status).toBe(201);

      if (embedded) {
        // The embedded store belongs to the running server: a second process must say so, not corrupt it.
        const blocked = await runCli(['tenant', 'create', slug(), '--data-dir', dataDir]);
        expect(blocked.code).toBe(3);
        expect(blocked.stderr).toMatch(/in use by another Hearken process/);
      }
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // Once the server has stopped, the directory is free again.
    expect((await runCli(['tenant', 'create', slug(), '--data-dir', dataDir], { env: store.env })).code).toBe(0);
  });

  it('refuses a duplicate or malformed slug with a clear message', async () => {
    const tenantSlug = slug();
    expect((await runCli(['tenant', 'create', tenantSlug, '--data-dir', dataDir])).code).toBe(0);
    const again = await runCli(['tenant', 'create', tenantSlug, '--data-dir', dataDir]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already exists');
    const bad = await runCli(['tenant', 'create', 'Not A Slug!', '--data-dir', dataDir]);
    expect(bad.stderr).toContain('is not a valid slug');
  });
});

describe('hearken import', PROCESSES, () => {
  it('imports JSONL and CSV, reports duplicates and rejects, and skips what is in on a re-run', async () => {
    const tenantSlug = slug();
    expect((await runCli(['tenant', 'create', tenantSlug, '--data-dir', dataDir])).code).toBe(0);
    const jsonl = join(dir, 'contacts.jsonl');
    await writeFile(
      jsonl,
      [
        JSON.stringify({
          channel: 'email',
          externalId: 'e-1',
          customer: { email: 'nina@example.com', name: 'Nina' },
          subject: 'Bill',
          text: 'Bill too high',
        }),
        JSON.stringify({
          channel: 'sms',
          customer_phone: '+44 7700 900200',
          email: 'nina@example.com',
          text: 'Any news?',
        }),
        '{"channel": "chat", broken',
        JSON.stringify({ channel: 'fax', email: 'nina@example.com', text: 'old school' }),
        JSON.stringify({
          channel: 'email',
          externalId: 'e-1',
          customer: { email: 'nina@example.com' },
          text: 'Bill too high',
        }),
        '',
      ].join('\n'),
    );
    const first = await runCli(['import', jsonl, '--tenant', tenantSlug, '--data-dir', dataDir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported 2 contacts/);
    expect(first.stdout).toMatch(/duplicates skipped: 1/);
    expect(first.stdout).toMatch(/rejected: +2/);
    const rejects = (await readFile(`${jsonl}.rejects.jsonl`, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects.map((r) => r.line)).toEqual([3, 4]);
    expect(rejects[0].reasons).toEqual(['not valid JSON']);
    expect(rejects[1].reasons[0]).toContain('channel "fax"');

    const rerun = await runCli(['import', jsonl, '--tenant', tenantSlug, '--data-dir', dataDir]);
    expect(rerun.stdout).toMatch(/Imported 0 contacts/);
    expect(rerun.stdout).toMatch(/duplicates skipped: 3/);

    const csv = join(dir, 'contacts.csv');
    await writeFile(
      csv,
      'channel,direction,occurred_at,customer_email,customer_phone,customer_name,subject,text\n' +
        'phone,inbound,2026-11-01T10:00:00Z,,+447700900200,Nina,,"Agent: Hello, Lumen.\nCustomer: It is about my bill, again."\n' +
        'forum,inbound,2026-11-02T10:00:00Z,quiet@example.com,,,"Outage?","Is the network down in, say, Hull?"\n' +
        'chat,inbound,not a date,quiet@example.com,,,,hello\n',
    );
    const fromCsv = await runCli([
      'import',
      csv,
      '--tenant',
      tenantSlug,
      '--data-dir',
      dataDir,
      '--rejects',
      join(dir, 'csv-rejects.jsonl'),
    ]);
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.stdout).toMatch(/Imported 2 contacts/);
    expect(fromCsv.stdout).toMatch(/rejected: +1/);
    const csvRejects = await readFile(join(dir, 'csv-rejects.jsonl'), 'utf8');
    expect(csvRejects).toContain('is not a date and time');
  });

  it('says clearly when the tenant or the file is wrong', async () => {
    const missingTenant = await runCli([
      'import',
      join(dir, 'contacts.jsonl'),
      '--tenant',
      'no-such-tenant',
      '--data-dir',
      dataDir,
    ]);
    expect(missingTenant.code).toBe(2);
    expect(missingTenant.stderr).toContain('No tenant "no-such-tenant"');
    const tenantSlug = slug();
    await runCli(['tenant', 'create', tenantSlug, '--data-dir', dataDir]);
    const wrongKind = await runCli([
      'import',
      join(dir, 'contacts.xlsx'),
      '--tenant',
      tenantSlug,
      '--data-dir',
      dataDir,
    ]);
    expect(wrongKind.stderr).toContain('.jsonl, .ndjson or .csv');
    const missingFile = await runCli(['import', join(dir, 'nope.csv'), '--tenant', tenantSlug, '--data-dir', dataDir]);
    expect(missingFile.stderr).toContain('no such file');
  });
});
