/**
 * `npm run create-superadmin -- --email you@example.com [--password …] [--name …]`
 * Creates a platform super admin, or promotes an existing account and resets its password.
 * Without --password it is read from FRONTDESK_ADMIN_PASSWORD or asked for on the terminal.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { Email, Password } from '@frontdesk/protocol';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { ensureSuperadmin } from '../modules/auth/index.js';

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('Give --password or FRONTDESK_ADMIN_PASSWORD when not on a terminal');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question('Password (at least 10 characters): ');
  rl.close();
  return answer;
}

try {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  });
  const email = Email.safeParse(values.email ?? process.env.FRONTDESK_ADMIN_EMAIL);
  if (!email.success) throw new Error('Give a valid --email');
  const password = Password.safeParse(values.password ?? process.env.FRONTDESK_ADMIN_PASSWORD ?? (await askPassword()));
  if (!password.success) throw new Error('The password needs at least 10 characters');

  const config = loadConfig({ ...process.env, FRONTDESK_ADMIN_EMAIL: undefined, FRONTDESK_ADMIN_PASSWORD: undefined });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedCacheMb: config.embeddedCacheMb,
  });
  await database.migrate();
  const result = await ensureSuperadmin(
    database.db,
    { email: email.data, password: password.data, name: values.name },
    { resetPassword: true },
  );
  await database.close();
  console.log(`${result.created ? 'Created' : 'Updated'} super admin ${email.data}.`);
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
}
