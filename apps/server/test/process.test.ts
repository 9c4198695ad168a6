import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './client.js';
import { freePort } from './cluster.js';
import { freshInstallation } from './harness.js';

const tsx = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;
const script = (path: string) => new URL(`../src/${path}`, import.meta.url).pathname;

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
    const child = spawn(tsx, [script('main.ts')], {
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

  it('refuses to start with an invalid setting and names it', () => {
    const run = spawnSync(tsx, [script('main.ts')], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: '' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Invalid configuration:\n\s+PORT/);
  });
});
