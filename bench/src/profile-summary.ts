/**
 * Summarises V8 CPU profiles (`node --cpu-prof`): where the self time goes, by function and by
 * file or package. Run on a directory or files: `npm run profile-summary -w @frontdesk/bench -- DIR`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  /** the part of the run summarised, in seconds before the profile ended, when not all of it */
  window?: { fromSecondsBeforeEnd: number; toSecondsBeforeEnd: number };
  totalMs: number;
  /** time not idle: what the process was busy with */
  busyMs: number;
  functions: { name: string; where: string; selfMs: number; percent: number }[];
  files: { file: string; selfMs: number; percent: number }[];
  /** self time of native and node-internal frames charged to the package or project file that called them */
  causes: { file: string; selfMs: number; percent: number }[];
  /** time spent in or below each Frontdesk function (the innermost one on the stack) */
  project: { name: string; where: string; ms: number; percent: number }[];
}

/**
 * Where a frame's code lives: `where` names the file (inside a package, its path), `group` what the
 * by-file table adds up (a package as a whole, a project file, node's internals, or V8's own).
 */
function placeOf(url: string, functionName: string): { where: string; group: string } {
  if (!url) {
    const v8 = functionName.startsWith('(') ? functionName : '(native)'; // (garbage collector), (program)
    return { where: v8, group: v8 };
  }
  if (url.startsWith('wasm://')) return { where: 'wasm', group: 'wasm (PGlite)' };
  if (url.startsWith('node:')) return { where: url, group: url };
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const rest = path.slice(inModules + '/node_modules/'.length).split('/');
    const scoped = rest[0]?.startsWith('@');
    const pkg = scoped ? `${rest[0]}/${rest[1]}` : (rest[0] ?? '');
    return { where: `${pkg}/${rest.slice(scoped ? 2 : 1).join('/')}`, group: pkg };
  }
  const project = path.match(/\/(apps|packages|bench)\/.*$/);
  const file = project ? project[0].slice(1) : path;
  return { where: file, group: file };
}

/**
 * Self time by function and by file. With `window`, only samples taken between that many seconds
 * before the profile ended (the process exited) count: the load phases, not start-up and set-up.
 */
export function summarise(file: string, top = 15, window?: ProfileSummary['window']): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const from = window ? profile.endTime - window.fromSecondsBeforeEnd * 1e6 : Number.NEGATIVE_INFINITY;
  const to = window ? profile.endTime - window.toSecondsBeforeEnd * 1e6 : Number.POSITIVE_INFINITY;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= from && at <= to) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isCode = (url: string) => url.includes('/node_modules/') || /\/(apps|packages)\//.test(url);
  // the sources (run through tsx) or the server's bundle (what npm start runs: apps/server/dist/node)
  const isProject = (url: string) =>
    /\/(apps|packages)\/[^/]+\/src\/|\/apps\/server\/dist\/node\//.test(url) && !url.includes('/node_modules/');
  /** the nearest frame at or above `id` that satisfies `wanted` */
  const nearest = (id: number, wanted: (url: string) => boolean) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && wanted(frame.url)) return frame;
    }
    return undefined;
  };
  const byFunction = new Map<string, { name: string; where: string; us: number }>();
  const byFile = new Map<string, number>();
  const byCause = new Map<string, number>();
  const byProject = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const place = placeOf(frame.url, frame.functionName);
    const fileKey = place.group;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${place.where}:${frame.lineNumber + 1}` : place.where;
    const key = `${name}@${where}`;
    const entry = byFunction.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
    const caller = isCode(frame.url) ? frame : nearest(id, isCode);
    const cause = caller ? placeOf(caller.url, caller.functionName).group : place.group;
    byCause.set(cause, (byCause.get(cause) ?? 0) + us);
    const own = nearest(id, isProject);
    const ownName = own ? own.functionName || '(anonymous)' : '(no Frontdesk frame on the stack)';
    const ownWhere = own ? `${placeOf(own.url, own.functionName).where}:${own.lineNumber + 1}` : '';
    const ownEntry = byProject.get(`${ownName}@${ownWhere}`) ?? { name: ownName, where: ownWhere, us: 0 };
    ownEntry.us += us;
    byProject.set(`${ownName}@${ownWhere}`, ownEntry);
  }
  const busy = total - idle;
  const pct = (us: number) => Math.round((us / Math.max(1, busy)) * 1000) / 10;
  return {
    file,
    window,
    totalMs: Math.round(total / 1000),
    busyMs: Math.round(busy / 1000),
    functions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: Math.round(f.us / 1000), percent: pct(f.us) })),
    files: [...byFile]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([f, us]) => ({ file: f, selfMs: Math.round(us / 1000), percent: pct(us) })),
    causes: [...byCause]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([f, us]) => ({ file: f, selfMs: Math.round(us / 1000), percent: pct(us) })),
    project: [...byProject.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: Math.round(f.us / 1000), percent: pct(f.us) })),
  };
}

/** The profiles in a directory (recursively), largest first: the server's is the big one, tsx's launcher's tiny. */
export function profilesIn(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.cpuprofile')) found.push(path);
    }
  };
  walk(dir);
  return found.sort((a, b) => statSync(b).size - statSync(a).size);
}

export function formatSummary(s: ProfileSummary): string {
  const lines = [
    `${s.file}: ${(s.busyMs / 1000).toFixed(1)} s busy of ${(s.totalMs / 1000).toFixed(1)} s` +
      (s.window
        ? ` (the load phases: ${s.window.fromSecondsBeforeEnd}–${s.window.toSecondsBeforeEnd} s before exit)`
        : ''),
    '  top self time by function:',
    ...s.functions.map((f) => `    ${String(f.percent).padStart(5)}%  ${f.name}  ${f.where}`),
    '  by file / package:',
    ...s.files.map((f) => `    ${String(f.percent).padStart(5)}%  ${f.file}`),
    '  by package, with the native and node-internal work it calls charged to it:',
    ...s.causes.map((f) => `    ${String(f.percent).padStart(5)}%  ${f.file}`),
    '  in or below each Frontdesk function (innermost on the stack):',
    ...s.project.map((f) => `    ${String(f.percent).padStart(5)}%  ${f.name}  ${f.where}`),
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (!args.length) {
    console.error('usage: profile-summary <dir-or-file.cpuprofile>…');
    process.exit(2);
  }
  for (const arg of args) {
    const files = statSync(arg).isDirectory() ? profilesIn(arg).slice(0, 1) : [arg];
    for (const file of files) console.log(formatSummary(summarise(file)));
  }
}
