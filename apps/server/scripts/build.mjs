#!/usr/bin/env node
// Run by `npm start` (and the container build): bundles the server's TypeScript, with the shared
// protocol package, into one ES module, apps/server/dist/node/main.mjs, that plain `node` runs.
// Running the sources through tsx instead costs an idle node about 90 MB of resident memory (the
// loader's own thread and its transforms) for nothing: the code is the same. Dependencies stay
// where npm put them (not bundled). The bundle sits two folders below apps/server, as the sources
// under apps/server/src/<folder>/ do, so the paths they take from `import.meta.url` (the migrations,
// the web app's build) point at the same places. Takes about a second; written whole, then renamed
// into place, so two starts at once never run half a file.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const server = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(server, 'dist', 'node', 'main.mjs');
const dependenciesOf = (dir) =>
  Object.keys(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies ?? {});
const external = [...dependenciesOf(server), ...dependenciesOf(join(server, '..', '..', 'packages', 'protocol'))]
  .filter((name) => !name.startsWith('@frontdesk/'))
  .flatMap((name) => [name, `${name}/*`]);

const result = await build({
  entryPoints: [join(server, 'src', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  outfile,
  write: false,
  logLevel: 'warning',
  legalComments: 'none',
});
await mkdir(dirname(outfile), { recursive: true });
const temporary = `${outfile}.${process.pid}.tmp`;
writeFileSync(temporary, result.outputFiles[0].contents);
renameSync(temporary, outfile);
