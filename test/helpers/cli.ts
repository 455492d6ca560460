import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const HEARKEN_BIN = fileURLToPath(new URL('../../bin/hearken.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `hearken` command as a user would, and waits for it to finish. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HEARKEN_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a long-running `hearken` command and resolves once it prints the line matching `ready`. */
export function startCli(args: string[], ready: RegExp, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const child: ChildProcess = spawn(process.execPath, [HEARKEN_BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
  });
  let output = '';
  const started = new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${ready}; output so far:\n${output}`)),
      60_000,
    );
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${output}`));
    });
  });
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.removeAllListeners('close');
      child.on('close', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { child, started, stop, output: () => output };
}
