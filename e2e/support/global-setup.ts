import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWebApp, startFrontdesk } from './server.js';
import { SHOTS_DIR } from './shots.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running Frontdesk server, e.g. http://127.0.0.1:41234 */
    baseUrl: string;
  }
}

/** Once per run: build the web app, start one Frontdesk server with the demo hotel, stop it at the end. */
export default async function setup(project: TestProject) {
  rmSync(SHOTS_DIR, { recursive: true, force: true });
  mkdirSync(SHOTS_DIR, { recursive: true });
  buildWebApp();
  const started = Date.now();
  const server = await startFrontdesk({ logFile: join(SHOTS_DIR, 'server.log') });
  console.log(`[e2e] Frontdesk is up at ${server.url} in ${Date.now() - started} ms (server log: ${server.logFile})`);
  // the server decides at start whether there is a web app to serve: make sure it found one
  const page = await fetch(`${server.url}/app/login`).then((r) => r.text());
  if (!page.includes('<div id="root">')) {
    await server.stop();
    throw new Error(`the server does not serve the web app (was apps/web/dist rebuilt meanwhile?):\n${page}`);
  }
  project.provide('baseUrl', server.url);
  return async () => {
    await server.stop();
  };
}
