import { stripVTControlCharacters } from 'node:util';
import type { TestProject } from 'vitest/node';
import { ensureWebAppBuilt } from '../src/cli/web-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why the web app did not build, or null when web/dist is up to date with its sources. */
    webAppBuildError: string | null;
  }
}

/**
 * Runs once before any test file. The browser tests start real servers, and each server builds
 * the web app when its build is stale; building here first, in one process, means parallel
 * workers find a fresh build instead of all starting Vite at once.
 *
 * A failed build does not stop the run (the API tests do not need the web app): the browser
 * tests read the error and fail with it.
 */
export default async function setup(project: TestProject): Promise<void> {
  let buildError: string | null = null;
  try {
    const outcome = await ensureWebAppBuilt((line) => process.stderr.write(`${line}\n`));
    if (outcome === 'built') process.stderr.write('Web app built for the browser tests.\n');
  } catch (error) {
    buildError = stripVTControlCharacters(error instanceof Error ? error.message : String(error));
    process.stderr.write(`The web app did not build; the browser tests will fail:\n${buildError}\n`);
  }
  project.provide('webAppBuildError', buildError);
}
