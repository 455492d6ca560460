import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { WEB_APP_DIST, WEB_APP_ROOT } from '../http/web-app-files.ts';

/**
 * Builds the web app when its build is missing or older than its sources, so a fresh clone's
 * `hearken demo` opens straight into it. The build goes to a folder of its own and is then moved
 * into place, so two processes starting at once never serve half a build.
 */
export async function ensureWebAppBuilt(log: (line: string) => void = () => undefined): Promise<'fresh' | 'built'> {
  if (!(await isStale())) return 'fresh';
  log('Building the web app…');
  const { build } = await import('vite');
  const outDir = join(WEB_APP_ROOT, `.build-${process.pid}-${Date.now()}`);
  // Vite follows NODE_ENV: under a test runner ("test") it would build React's development
  // bundle and JSX, several times slower to draw a screen. What is served is always production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(WEB_APP_ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir },
    });
    await rm(WEB_APP_DIST, { recursive: true, force: true });
    await rename(outDir, WEB_APP_DIST).catch(async (error: NodeJS.ErrnoException) => {
      // Another process moved its identical build into place first.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    await rm(outDir, { recursive: true, force: true });
  }
  return 'built';
}

async function isStale(): Promise<boolean> {
  const page = join(WEB_APP_DIST, 'index.html');
  if (!existsSync(page)) return true;
  const builtAt = (await stat(page)).mtimeMs;
  return (await newestSource()) > builtAt;
}

async function newestSource(): Promise<number> {
  const files = [join(WEB_APP_ROOT, 'index.html'), join(WEB_APP_ROOT, 'vite.config.ts')];
  for (const entry of await readdir(join(WEB_APP_ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
  }
  const times = await Promise.all(files.map(async (file) => (await stat(file)).mtimeMs));
  return Math.max(...times);
}
