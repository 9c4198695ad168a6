#!/usr/bin/env node
// `npm run dev`: the server with reload on code changes (tsx watch) and the web app with hot reload
// (Vite, which proxies /api and /socket.io to the server). Ctrl+C stops both; if one stops, so does
// the other.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(web, '..', '..');
const bin = (name) => join(repo, 'node_modules', '.bin', name);
const port = process.env.PORT ?? '3000';
const webPort = process.env.WEB_PORT ?? '5173';
// links the server prints and puts in QR codes lead to the hot-reloading app
const env = { ...process.env, PORT: port, PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${webPort}` };

const children = [
  start('server', bin('tsx'), ['watch', 'apps/server/src/main.ts'], repo),
  start('web', bin('vite'), ['--port', webPort, '--strictPort'], web),
];

function start(name, command, args, cwd) {
  const child = spawn(command, args, { cwd, env, stdio: ['inherit', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    console.log(`${prefix}stopped (${signal ?? code})`);
    stopAll(code ?? 0);
  });
  return child;
}

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
