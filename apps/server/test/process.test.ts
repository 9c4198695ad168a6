import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './client.js';
import { builtServer, freePort } from './cluster.js';
import { freshInstallation } from './harness.js';

const tsx = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;
const script = (path: string) => new URL(`../src/${path}`, import.meta.url).pathname;
const repo = new URL('../../..', import.meta.url).pathname;

/** A process's state and parent from /proc (Linux); undefined once it is gone. A zombie counts as gone. */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid …": the command may hold spaces and parentheses
    const [state = '', ppid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' ? undefined : { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** A process and all its live descendants. */
function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = procStat(Number(entry));
    if (stat) parentOf.set(Number(entry), stat.ppid);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    (r) => r.ok,
    () => false,
  );
}

describe('the server as a process', () => {
  let installation: Awaited<ReturnType<typeof freshInstallation>>;
  beforeAll(async () => {
    installation = await freshInstallation();
  });
  afterAll(() => installation?.drop());

  it('creates a super admin from the command line, who can then sign in', async () => {
    const env = { ...process.env, ...installation.env, FRONTDESK_DEMO: '0' };
    const bad = spawnSync(tsx, [script('cli/create-superadmin.ts'), '--email', 'not-an-email', '--password', 'x'], {
      env,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/valid --email/);
    const ok = spawnSync(
      tsx,
      [script('cli/create-superadmin.ts'), '--email', 'Chief@Example.test', '--password', 'chief-password-1'],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(ok.stdout).toContain('Created super admin chief@example.test');
    expect(ok.status).toBe(0);

    const port = await freePort();
    // as `npm start` runs it: the bundle of the sources (scripts/build.mjs), run by node itself, no
    // launcher in between to relay (and time) the signal
    const child = spawn(process.execPath, [await builtServer()], {
      env: { ...env, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    for (
      let i = 0;
      i < 600 &&
      !(await fetch(`${url}/readyz`)
        .then((r) => r.ok)
        .catch(() => false));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await new ApiClient(url).login('chief@example.test', 'chief-password-1');
    expect(login.body.user.superadmin).toBe(true);

    // SIGTERM: stop accepting, finish, exit 0
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 90_000);

  // A person stops `npm start` with Ctrl-C (SIGINT to the terminal's whole process group) or a
  // supervisor sends SIGTERM to npm alone; npm passes the signal to its one child, which must be
  // the server itself (not a shell or a launcher that dies and leaves the server running).
  it.each([
    ['SIGTERM to npm', 'npm'],
    ['Ctrl-C', 'group'],
  ] as const)(
    '`npm start` stops the server with it: %s',
    async (_name, target) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const npm = spawn('npm', ['start'], {
        cwd: repo,
        env: {
          ...process.env,
          ...installation.env,
          FRONTDESK_DEMO: '0',
          FRONTDESK_SKIP_WEB_BUILD: '1',
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
        // a process group of its own, as a terminal gives the command it runs
        detached: true,
      });
      const pid = npm.pid ?? 0;
      const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
      let tree: number[] = [];
      try {
        while (!(await answers(`${url}/healthz`))) {
          if (npm.exitCode !== null)
            throw new Error(`npm start exited with ${npm.exitCode} before the server answered`);
          await new Promise((r) => setTimeout(r, 100));
        }
        tree = processTree(pid);
        expect(tree.length, 'npm and the server').toBeGreaterThan(1);

        if (target === 'npm') process.kill(pid, 'SIGTERM');
        else process.kill(-pid, 'SIGINT');
        await exited;
        // the server shuts down gracefully (it gives itself at most 10 s), then nothing of npm start is left
        for (let i = 0; i < 150 && tree.some((p) => procStat(p)); i++) await new Promise((r) => setTimeout(r, 100));
        expect(tree.filter((p) => procStat(p))).toEqual([]);
        expect(await answers(`${url}/healthz`)).toBe(false);
      } finally {
        // what a broken `npm start` left behind must not outlive the test
        for (const p of [pid, ...tree].filter((p) => procStat(p))) {
          try {
            process.kill(p, 'SIGKILL');
          } catch {
            // gone meanwhile
          }
        }
      }
    },
    120_000,
  );

  it('refuses to start with an invalid setting and names it', () => {
    const run = spawnSync(tsx, [script('main.ts')], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: '' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Invalid configuration:\n\s+PORT/);
  });
});
