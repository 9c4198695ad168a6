/**
 * `npm run metrics:rebuild [-- <organization id>]`: recomputes the service metrics (rollups and
 * per-conversation state) of one organization, or of all, from the event log, and exits. The running
 * nodes' consumer waits meanwhile and goes on from its cursor after (what it sees again counts once).
 */
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { rebuildMetrics } from '../modules/metrics/index.js';

try {
  const orgId = process.argv[2] ? z.uuid().parse(process.argv[2]) : undefined;
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedCacheMb: config.embeddedCacheMb,
  });
  await database.migrate();
  const started = Date.now();
  await rebuildMetrics(database.db, orgId);
  await database.close();
  console.log(
    `Metrics rebuilt for ${orgId ?? 'every organization'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
