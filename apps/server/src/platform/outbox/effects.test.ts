import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Transport and scheduling: HTTP routes, socket handlers and the realtime gateway, jobs. */
const isTransportOrJob = (path: string) => {
  const file = relative(src, path);
  const name = file.split('/').at(-1) ?? '';
  return (
    /(^|-)routes\.ts$/.test(name) ||
    file.includes('/routes/') ||
    name === 'socket-handlers.ts' ||
    file.startsWith('realtime/') ||
    name === 'jobs.ts' ||
    file.includes('/jobs/')
  );
};

/** What records or dispatches a domain event; only services may. */
const recording = [
  /\brecordEvent\s*\(/,
  /\bannounce\s*\(/,
  /\.record\s*\(/,
  /\.dispatch\s*\(/,
  // a Redis client's publish (`pub.publish`: the cross-node broadcast of realtime/) is transport
  /(?<!\bpub)\.publish\s*\(/,
  /from '[^']*outbox\/record\.js'/,
];

describe('services own their effects', () => {
  it('no route, socket handler or job records or dispatches a domain event', () => {
    const files = sourceFiles(src).filter(isTransportOrJob);
    // the rule must see what it guards: the routes, the socket handlers and the jobs
    expect(files.map((f) => relative(src, f))).toEqual(
      expect.arrayContaining([
        'modules/stays/routes.ts',
        'modules/conversations/socket-handlers.ts',
        'realtime/socket-events.ts',
        'modules/stays/jobs.ts',
      ]),
    );
    const offences = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return recording.filter((pattern) => pattern.test(text)).map((pattern) => `${relative(src, file)}: ${pattern}`);
    });
    expect(offences).toEqual([]);
  });
});
