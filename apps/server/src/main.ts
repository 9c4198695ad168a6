import { ConfigError, loadConfig } from './config.js';
import { limitHeapGrowth } from './platform/heap-growth.js';
import { type RunningServer, startServer } from './server.js';

interface ProcessLog {
  error(obj: object, msg: string): void;
  fatal(obj: object, msg: string): void;
}
/** The node's pino logger once it exists; before that, the console. */
let processLog: ProcessLog = {
  error: (obj, msg) => console.error(msg, obj),
  fatal: (obj, msg) => console.error(msg, obj),
};

// A promise nobody handled is a bug to fix, not a reason to drop every socket of the node: it is
// logged, and the node goes on. An uncaught exception may have left state half-changed, so that
// one is logged and the process exits for its supervisor to restart it.
process.on('unhandledRejection', (reason) => {
  processLog.error({ err: reason }, 'unhandled rejection (a bug: please report it); the node keeps running');
});
process.on('uncaughtException', (err) => {
  processLog.fatal({ err }, 'uncaught exception; the node stops');
  process.exit(1);
});

async function main(): Promise<void> {
  limitHeapGrowth();
  const config = loadConfig();
  // Signals are heard from the start: one that arrives while the server is still starting (its
  // health checks may already answer) stops it once it is up, instead of killing it half-way.
  let stopping = false;
  let started: ((server: RunningServer) => void) | undefined;
  const up = new Promise<RunningServer>((resolve) => {
    started = resolve;
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const server = await up;
    server.app.log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'draining, then shutting down');
    const force = setTimeout(() => {
      server.app.log.warn(
        { timeoutMs: config.shutdownTimeoutMs },
        'drain took too long (SHUTDOWN_TIMEOUT_MS); exiting',
      );
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    await server.drain();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const server = await startServer(config);
  const log = server.app.log;
  processLog = log;
  if (server.banner) console.log(`\n${server.banner}\n`);
  log.info(
    { url: config.publicUrl, database: server.database.kind, redis: Boolean(config.redisUrl) },
    'Frontdesk is up',
  );
  started?.(server);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Frontdesk failed to start:', err);
  }
  process.exit(1);
});
