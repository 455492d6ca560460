import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors.ts';

export interface DataDirLock {
  release(): void;
}

/**
 * Takes the embedded data directory for this process. A lock left by a process that no
 * longer runs is taken over; one held by a live process is refused with a clear message.
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  const path = join(dir, 'hearken.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && isAlive(holder)) {
        throw new AppError(
          'store_locked',
          `The data directory ${dir} is in use by another Hearken process (pid ${holder}). ` +
            'Stop that server first, or point both at a PostgreSQL server with DATABASE_URL.',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('store_locked', `Could not lock the data directory ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
