/**
 * Where the CPU went during a measurement (Linux only; elsewhere the numbers are null):
 * this process (the HTTP server and its database driver, including PGlite), the PostgreSQL
 * server processes, and the whole machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux.

export interface CpuSnapshot {
  at: number;
  self: NodeJS.CpuUsage;
  /** Busy and total machine time in ms, summed over cores. */
  machine: { busy: number; total: number } | null;
  /** CPU ms of each process named "postgres" (server and backends, all databases), by pid. */
  postgres: Map<string, number> | null;
}

export function cpuSnapshot(): CpuSnapshot {
  return { at: performance.now(), self: process.cpuUsage(), machine: machineTime(), postgres: postgresTime() };
}

export interface CpuShare {
  seconds: number;
  /** As % of one core: 200 % is both cores of a 2-core machine. */
  serverPct: number;
  postgresPct: number | null;
  machineBusyPct: number | null;
  machineCores: number | null;
  /** The load generator (0 when there is none). */
  clientPct: number;
  /** Busy time not accounted for by the server, PostgreSQL or the load generator: other work on the machine. */
  otherPct: number | null;
  serverMs: number;
  postgresMs: number | null;
}

/** `clientMs`: CPU used meanwhile by the load generator (another process), reported by it. */
export function cpuShare(before: CpuSnapshot, after: CpuSnapshot, clientMs = 0): CpuShare {
  const wall = after.at - before.at;
  const pct = (ms: number) => Math.round((ms / wall) * 1000) / 10;
  const server = (after.self.user - before.self.user + after.self.system - before.self.system) / 1000;
  // Per process, so that a backend exiting in between does not make the sum go down.
  let postgres: number | null = null;
  if (after.postgres && before.postgres) {
    postgres = 0;
    for (const [pid, ms] of after.postgres) postgres += ms - Math.min(ms, before.postgres.get(pid) ?? 0);
  }
  const busy = after.machine && before.machine ? after.machine.busy - before.machine.busy : null;
  const total = after.machine && before.machine ? after.machine.total - before.machine.total : null;
  return {
    seconds: Math.round(wall / 100) / 10,
    serverPct: pct(server),
    postgresPct: postgres === null ? null : pct(postgres),
    machineBusyPct: busy === null ? null : pct(busy),
    machineCores: total === null || wall <= 0 ? null : Math.round(total / wall),
    clientPct: pct(clientMs),
    otherPct: busy === null ? null : pct(Math.max(0, busy - server - (postgres ?? 0) - clientMs)),
    serverMs: server,
    postgresMs: postgres,
  };
}

function machineTime(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
  } catch {
    return null;
  }
}

function postgresTime(): Map<string, number> | null {
  try {
    const times = new Map<string, number>();
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const rest = stat.slice(close + 2).split(' ');
      // Fields 14 and 15 (utime, stime) are at 11 and 12 after the command name.
      times.set(pid, (Number(rest[11]) + Number(rest[12])) * TICK_MS);
    }
    return times;
  } catch {
    return null;
  }
}

export function describeCpu(cpu: CpuShare): string {
  const parts = [`server ${cpu.serverPct}%`];
  if (cpu.postgresPct !== null) parts.push(`postgres ${cpu.postgresPct}%`);
  if (cpu.clientPct > 0) parts.push(`load generator ${cpu.clientPct}%`);
  if (cpu.otherPct !== null) parts.push(`other processes ${cpu.otherPct}%`);
  if (cpu.machineBusyPct !== null)
    parts.push(`machine busy ${cpu.machineBusyPct}% of ${(cpu.machineCores ?? 0) * 100}%`);
  return parts.join(', ');
}

/** Server-side CPU (this process + PostgreSQL) per operation, in ms: steadier than throughput on a shared machine. */
export function cpuMsPerOp(cpu: CpuShare, ops: number): number | null {
  return ops > 0 ? (cpu.serverMs + (cpu.postgresMs ?? 0)) / ops : null;
}
