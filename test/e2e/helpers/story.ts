import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { it } from 'vitest';

/** How long one step of the story may take: a sign-in, a few screens and their API calls. */
const STEP_TIMEOUT = 45_000;

/**
 * A story told in steps that build on each other: once a step fails, the later ones are skipped
 * (not failed) so the report points at the first thing that went wrong. A failed step leaves a
 * picture of every open window and the end of the server's output, to see what the person saw.
 */
export function story(options: { windows: () => Record<string, Page | undefined>; serverOutput: () => string }) {
  let brokenAt: string | null = null;
  const failures = join(tmpdir(), 'hearken-e2e-failures', new Date().toISOString().replace(/[:.]/g, '-'));

  const step = (name: string, run: () => Promise<void>) =>
    it(name, { timeout: STEP_TIMEOUT }, async (context) => {
      if (brokenAt) context.skip(`the story stopped at "${brokenAt}"`);
      context.onTestFailed(async () => {
        brokenAt ??= name;
        await mkdir(failures, { recursive: true });
        const slug = name.replace(/\W+/g, '-').slice(0, 60);
        for (const [who, page] of Object.entries(options.windows())) {
          if (page && !page.isClosed())
            await page.screenshot({ path: join(failures, `${slug}-${who}.png`) }).catch(() => undefined);
        }
        console.error(
          `Step "${name}" failed. Pictures of each window: ${failures}\nServer output (end):\n${options.serverOutput().slice(-3000)}`,
        );
      });
      await run();
    });

  return { step, brokenAt: () => brokenAt };
}
