#!/usr/bin/env node
// Prints what a guest's phone downloads to open the chat — the JavaScript the HTML entry loads plus
// the guest route's chunks (lazy imports of other surfaces excluded) — gzipped, and fails the
// build when it is over the budget. Reads Vite's build manifest (build.manifest: true).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const GUEST_ROUTES = ['src/guest/GuestPage.tsx'];

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const files = new Set();
/** A chunk and everything it imports statically (what the browser fetches before running it). */
function collect(key) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const dep of chunk.imports ?? []) collect(dep);
}
collect('index.html');
for (const route of GUEST_ROUTES) {
  if (!manifest[route]) throw new Error(`${route} is not a chunk of the build: check GUEST_ROUTES`);
  collect(route);
}
// classic scripts the HTML loads itself (the service worker registration)
for (const [, src] of html.matchAll(/<script[^>]*\ssrc="\/?([^"]+\.js)"/g)) files.add(src);

const rows = [...files]
  .filter((file) => file.endsWith('.js'))
  .map((file) => ({ file, gzip: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length }))
  .sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

console.log('\nGuest first load (/g/:slug), gzipped JavaScript:');
for (const row of rows) console.log(`  ${kb(row.gzip).padStart(9)}  ${row.file}`);
console.log(`  ${kb(total).padStart(9)}  total (budget ${BUDGET_KB} KB)\n`);

const staff = Object.values(manifest).filter((c) => c.src?.startsWith('src/staff/'));
const leaked = staff.filter((c) => files.has(c.file));
if (leaked.length) {
  console.error(`Staff code is in the guest's first load: ${leaked.map((c) => c.file).join(', ')}`);
  process.exit(1);
}
if (total > BUDGET_KB * 1024) {
  console.error(`The guest first load is over budget: ${kb(total)} > ${BUDGET_KB} KB`);
  process.exit(1);
}
