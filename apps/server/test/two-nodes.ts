import type { Socket } from 'socket.io-client';
import { type Database, openDatabase } from '../src/db/connection.js';
import { type Node, startCluster } from './cluster.js';
import type { TestServer } from './factories.js';

export interface TwoNodes {
  nodes: Node[];
  /** The nodes as the factories take them: their URL, and the shared database for direct reads. */
  nodeA: TestServer;
  nodeB: TestServer;
  database: Database;
  /** Keeps a socket to be closed by `stop`. */
  track(socket: Socket): Socket;
  stop(): Promise<void>;
}

/**
 * Two Frontdesk processes on DATABASE_URL (or `env.DATABASE_URL`) with their output captured, plus
 * a handle on that database.
 */
export async function startTwoNodes(env: Record<string, string>): Promise<TwoNodes> {
  const databaseUrl = env.DATABASE_URL || process.env.DATABASE_URL;
  const nodes = await startCluster(2, { ...env, DATABASE_URL: databaseUrl ?? '' }, { captureOutput: true });
  const database = await openDatabase({ databaseUrl, dataDir: '' });
  const sockets: Socket[] = [];
  return {
    nodes,
    nodeA: { url: nodes[0]?.url ?? '', ctx: { db: database.db } },
    nodeB: { url: nodes[1]?.url ?? '', ctx: { db: database.db } },
    database,
    track(socket) {
      sockets.push(socket);
      return socket;
    },
    async stop() {
      for (const s of sockets) s.close();
      await Promise.all(nodes.map((n) => n.stop()));
      await database.close();
    },
  };
}
