import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';
import { type Config, ConfigError, vapidPairMatches } from '../../config.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const kept = new Map<string, { publicKey: string; privateKey: string }>();

/**
 * The server's VAPID key pair: VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when set, else the pair kept in
 * DATA_DIR (`vapid-keys`), generated on first use — as the session secret is — so browsers'
 * subscriptions, made with the public key, survive restarts. A cluster sets the pair on every node.
 */
export function vapidKeysOf(config: Config): VapidKeys {
  const { keys, subject } = config.push.vapid;
  if (keys) return { ...keys, subject };
  let pair = kept.get(config.dataDir);
  if (!pair) {
    // an in-memory database (tests) has nowhere to keep them: a pair for the process
    pair = config.dataDir === 'memory://' ? webpush.generateVAPIDKeys() : loadOrCreate(config.dataDir);
    kept.set(config.dataDir, pair);
  }
  return { ...pair, subject };
}

function loadOrCreate(dataDir: string): { publicKey: string; privateKey: string } {
  const file = join(dataDir, 'vapid-keys');
  const read = () => {
    const pair = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
    if (!vapidPairMatches(pair.publicKey, pair.privateKey)) throw new ConfigError(`${file} holds no VAPID key pair`);
    return { publicKey: pair.publicKey, privateKey: pair.privateKey };
  };
  try {
    return read();
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    mkdirSync(dataDir, { recursive: true });
    const pair = webpush.generateVAPIDKeys();
    try {
      writeFileSync(file, `${JSON.stringify(pair)}\n`, { mode: 0o600, flag: 'wx' });
      return pair;
    } catch {
      // another process created it first: use theirs
      return read();
    }
  }
}
