import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreatedTenant } from '../../../src/services/tenants/create-tenant.ts';
import { runCli, startCli } from '../../helpers/cli.ts';

export interface RunningHearken {
  /** Where the server answers, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The organisation created before the server started, with its admin API token. */
  organisation: CreatedTenant;
  /** Everything the server printed, for the message of a failed test. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The browser tests' server: `hearken serve` as a person runs it, on a fresh embedded store of
 * its own. DATABASE_URL is removed from its environment so the story always runs on PGlite. The
 * organisation is created first because the embedded store admits one process at a time.
 */
export async function startHearken(slug: string, name: string): Promise<RunningHearken> {
  const dir = await mkdtemp(join(tmpdir(), 'hearken-e2e-'));
  const dataDir = join(dir, 'data');
  const env = { DATABASE_URL: undefined, HEARKEN_DATA_DIR: undefined, HEARKEN_LOG_LEVEL: 'warn' };
  try {
    const created = await runCli(['tenant', 'create', slug, '--name', name, '--json', '--data-dir', dataDir], { env });
    if (created.code !== 0)
      throw new Error(`hearken tenant create failed (${created.code}):\n${created.stderr}${created.stdout}`);
    const organisation = JSON.parse(created.stdout) as CreatedTenant;

    // Port 0: the system picks a free port and the server prints the address it got.
    const server = startCli(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir],
      /Hearken listening on (http:\/\/\S+)/,
      { env },
    );
    let url: string;
    try {
      [, url = ''] = await server.started;
    } catch (error) {
      await server.stop();
      throw error;
    }
    return {
      url,
      organisation,
      output: server.output,
      stop: async () => {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
