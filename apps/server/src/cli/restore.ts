/**
 * `npm run restore -- <backup folder>`: restores a backup made by `npm run backup` into the configured
 * installation, which must be new and empty (a new PostgreSQL database, or an empty DATA_DIR). Then
 * start the server as usual. README "Backups and restore".
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { BackupError, installationFromEnv, restoreInstallation } from '../platform/backup.js';

try {
  const { positionals } = parseArgs({ allowPositionals: true });
  const folder = positionals[0];
  if (!folder || positionals.length > 1) throw new BackupError('Usage: npm run restore -- <backup folder>');
  const manifest = await restoreInstallation(installationFromEnv(), folder);
  console.log(`Restored the backup of ${manifest.createdAt} from ${folder}; start the server now.`);
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof BackupError ? err.message : err);
  process.exit(1);
}
