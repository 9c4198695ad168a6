/**
 * The Frontdesk node that embedded-memory.ts measures: started from the environment as `npm start`
 * would (forked with an IPC channel), it answers each `sample` message with where its memory is —
 * resident set, V8 heap, buffers, the embedded database's WebAssembly memory and PostgreSQL's own
 * memory contexts inside it — and the CPU time it has used.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../apps/server/src/config.js';
import { startServer } from '../../apps/server/src/server.js';

export interface NodeSample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** V8 heap in use after a full collection (what is really alive) */
  heapLive: number;
  /** the largest mappings by resident size (/proc/self/smaps): wasm memory, V8 code, malloc arenas … */
  mappings: { kb: number; sizeKb: number; name: string }[];
  external: number;
  arrayBuffers: number;
  wasm: number;
  /** bytes PostgreSQL's memory contexts hold inside the WebAssembly memory, biggest first */
  contexts: { name: string; bytes: number }[];
  contextsTotal: number;
  /** user + system CPU microseconds since the node started */
  cpuMicros: number;
}

const server = await startServer(loadConfig());

/** Resident kB of each mapping, biggest first. */
function mappings(): NodeSample['mappings'] {
  const found: NodeSample['mappings'] = [];
  let current: NodeSample['mappings'][number] | undefined;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const size = (Number.parseInt(head[2] ?? '0', 16) - Number.parseInt(head[1] ?? '0', 16)) / 1024;
      current = { kb: 0, sizeKb: size, name: head[3] || '(anonymous)' };
      found.push(current);
    } else if (current && line.startsWith('Rss:')) {
      current.kb = Number(/(\d+)/.exec(line)?.[1] ?? 0);
    }
  }
  return found.sort((a, b) => b.kb - a.kb).slice(0, 6);
}

async function sample(): Promise<NodeSample> {
  const m = process.memoryUsage();
  const maps = mappings();
  (globalThis as { gc?: () => void }).gc?.();
  const heapLive = process.memoryUsage().heapUsed;
  const { rows } = (await server.database.db.execute(
    sql`select name, sum(total_bytes)::bigint as bytes from pg_backend_memory_contexts group by name order by 2 desc`,
  )) as unknown as { rows: { name: string; bytes: string }[] };
  const contexts = rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) }));
  const cpu = process.cpuUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    heapLive,
    mappings: maps,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    wasm: server.database.wasmMemoryBytes?.() ?? 0,
    contexts: contexts.slice(0, 6),
    contextsTotal: contexts.reduce((s, c) => s + c.bytes, 0),
    cpuMicros: cpu.user + cpu.system,
  };
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'sample') void sample().then((s) => process.send?.({ type: 'sample', sample: s }));
  if (message.type === 'stop') void server.close().then(() => process.exit(0));
});
process.send?.({ type: 'ready', url: server.url });
