/**
 * `npm run backup -- <new folder>`: backs up the configured installation (database, uploaded files
 * kept on disk, generated session secret). With the embedded database, stop the server first.
 * README "Backups and restore" says what a backup holds and how to keep it.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { BackupError, backupInstallation, installationFromEnv } from '../platform/backup.js';

try {
  const { positionals } = parseArgs({ allowPositionals: true });
  const folder = positionals[0];
  if (!folder || positionals.length > 1) throw new BackupError('Usage: npm run backup -- <new folder>');
  const manifest = await backupInstallation(installationFromEnv(), folder);
  console.log(
    `Backed up the ${manifest.database === 'postgres' ? 'PostgreSQL' : 'embedded'} database` +
      (manifest.files === 'disk' ? ' and the uploaded files' : ' (uploaded files stay in the S3 bucket)') +
      ` into ${folder}.`,
  );
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof BackupError ? err.message : err);
  process.exit(1);
}
