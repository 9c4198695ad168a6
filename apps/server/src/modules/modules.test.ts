import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ErrorCode, errorStatus } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { platformErrorCodes } from '../platform/errors.js';
import { modules } from './index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const platformDir = fileURLToPath(new URL('../platform', import.meta.url));
const realtimeDir = fileURLToPath(new URL('../realtime', import.meta.url));
/** Folders that are libraries the modules share, with no routes, events or jobs of their own. */
const libraries = ['audit', 'demo', 'qr'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

/** The codes a folder's code raises: `new AppError('code'`, across line breaks. */
function raisedCodes(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const text of sources(dir))
    for (const match of text.matchAll(/AppError\(\s*'([a-z_]+)'/g)) codes.add(match[1] as string);
  return codes;
}

const moduleFolders = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('module manifests', () => {
  it('lists every domain module once, by its folder name', () => {
    const names = modules.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names, ...libraries].sort()).toEqual([...moduleFolders].sort());
  });

  it('declares every error code a module raises beyond the platform’s, and no code it never raises', () => {
    const platform = new Set<string>(platformErrorCodes);
    const undeclared: string[] = [];
    const unused: string[] = [];
    for (const m of modules) {
      const declared = new Set<string>(m.errorCodes ?? []);
      const raised = raisedCodes(join(here, m.name));
      for (const code of raised) if (!platform.has(code) && !declared.has(code)) undeclared.push(`${m.name}: ${code}`);
      for (const code of declared) if (!raised.has(code)) unused.push(`${m.name}: ${code}`);
    }
    for (const lib of libraries)
      for (const code of raisedCodes(join(here, lib))) if (!platform.has(code)) undeclared.push(`${lib}: ${code}`);
    expect(undeclared).toEqual([]);
    expect(unused).toEqual([]);
  });

  it('leaves no error code of the protocol without an owner, and the platform raises only its own', () => {
    const owned = new Set<string>([...platformErrorCodes, ...modules.flatMap((m) => m.errorCodes ?? [])]);
    const orphans = (Object.keys(errorStatus) as ErrorCode[]).filter((code) => !owned.has(code));
    expect(orphans).toEqual([]);
    const platform = new Set<string>(platformErrorCodes);
    const strays = [...raisedCodes(platformDir), ...raisedCodes(realtimeDir)].filter((code) => !platform.has(code));
    expect(strays).toEqual([]);
  });
});
