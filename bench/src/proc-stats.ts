import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (almost always 100 on Linux). */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  /** user + system CPU time in seconds */
  cpuSeconds: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = raw.indexOf('(');
    const close = raw.lastIndexOf(')');
    const rest = raw.slice(close + 2).split(' ');
    // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15
    return {
      pid,
      ppid: Number(rest[1]),
      comm: raw.slice(open + 1, close),
      cpuSeconds: (Number(rest[11]) + Number(rest[12])) / CLK_TCK,
    };
  } catch {
    return undefined; // gone
  }
}

/** Resident set size now and at its peak, in bytes, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

function allStats(): Stat[] {
  const stats: Stat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  return stats;
}

/**
 * The process doing the work under a launcher: `tsx file.ts` starts a node child (and an esbuild
 * service beside it) and waits, so the server is the deepest `node` descendant of the pid we spawned.
 */
export function workerPidOf(rootPid: number): number {
  const stats = allStats();
  let current = rootPid;
  for (;;) {
    const child = stats.find((s) => s.ppid === current && s.comm.startsWith('node'));
    if (!child) return current;
    current = child.pid;
  }
}

export function cpuSecondsOf(pid: number): number {
  return readStat(pid)?.cpuSeconds ?? 0;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * The database side of one benchmark run: Redis, PostgreSQL's own processes (WAL writer,
 * checkpointer …) and the backends serving `database` — not backends of other databases, which
 * other work on the machine may be using. A backend's title names its database.
 */
export function databaseCpuSeconds(database: string): Map<number, number> {
  const result = new Map<number, number>();
  for (const s of allStats()) {
    if (s.comm === 'redis-server') result.set(s.pid, s.cpuSeconds);
    else if (s.comm === 'postgres') {
      const title = cmdline(s.pid);
      const isBackend = /\(\d+\)|\[local\]/.test(title); // "user db 127.0.0.1(52344) idle"
      if (!isBackend || title.includes(` ${database} `)) result.set(s.pid, s.cpuSeconds);
    }
  }
  return result;
}

/** All CPU time of the machine so far (every core), busy and total, in seconds, from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, ...fields] = line.trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLK_TCK, total: total / CLK_TCK };
}

export interface CpuReading {
  /** % of one core per pid */
  perPid: Map<number, number>;
  /** % of one core: the database processes (see databaseCpuSeconds), when a database was named */
  database: number | null;
  /** % of one core: everything the machine did, ours and anyone else's */
  machine: number;
  seconds: number;
}

/** A CPU meter over some pids (and the database of a run): `read()` gives % of one core since start. */
export function cpuMeter(pids: number[], database?: string) {
  const started = performance.now();
  const before = new Map(pids.map((pid) => [pid, cpuSecondsOf(pid)]));
  const dbBefore = database ? databaseCpuSeconds(database) : new Map<number, number>();
  const machineBefore = machineCpu();
  return {
    read(): CpuReading {
      const seconds = (performance.now() - started) / 1000;
      const perPid = new Map(
        pids.map((pid) => [pid, ((cpuSecondsOf(pid) - (before.get(pid) ?? 0)) / seconds) * 100] as const),
      );
      let db = 0;
      if (database) for (const [pid, now] of databaseCpuSeconds(database)) db += now - (dbBefore.get(pid) ?? 0);
      const machine = machineCpu();
      return {
        perPid,
        database: database ? (db / seconds) * 100 : null,
        machine: ((machine.busy - machineBefore.busy) / seconds) * 100,
        seconds,
      };
    },
  };
}
