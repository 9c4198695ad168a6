#!/usr/bin/env node
// Run by `npm start`: builds the web app when apps/web/dist is missing or older than its sources,
// so a fresh clone serves the app at once and an unchanged one starts without waiting for a build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(web, '..', '..');
const built = join(web, 'dist', 'index.html');
const sources = [
  join(web, 'src'),
  join(web, 'public'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, 'precompress.ts'),
  join(web, 'package.json'),
  join(repo, 'packages', 'protocol', 'src'),
  join(repo, 'packages', 'sdk', 'src'),
  join(repo, 'package-lock.json'),
];

/** The newest modification time under a file or folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

// FRONTDESK_SKIP_WEB_BUILD=1: start with apps/web/dist as it is (tests of the process, a server without the app)
if (process.env.FRONTDESK_SKIP_WEB_BUILD === '1') process.exit(0);

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newest));
if (builtAt >= changedAt) process.exit(0);

if (!existsSync(join(repo, 'node_modules', 'vite'))) {
  console.warn(
    'The web app is not built and Vite is not installed (npm ci installs it); starting without the web app.',
  );
  process.exit(0);
}
console.log(builtAt ? 'The web app changed since its last build; building it…' : 'Building the web app (first start)…');
const result = spawnSync('npm', ['run', 'build', '-w', '@frontdesk/web'], { cwd: repo, stdio: 'inherit' });
if (result.status !== 0) {
  // the API still works; the pages say how to build when there is no build at all
  console.warn(
    existsSync(built)
      ? '\nThe web app did not build (see above); serving its previous build.\n'
      : '\nThe web app did not build (see above); starting without it.\n',
  );
}
