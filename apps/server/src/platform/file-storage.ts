import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Where the bytes of uploaded files live, by key (a file's id): the local disk (diskStorage) or an
 * S3-compatible bucket (s3Storage in s3-storage.ts), chosen by FILE_STORAGE. Several nodes behind a
 * load balancer need a storage they all see: a bucket, or a shared volume.
 */
export interface FileStorage {
  readonly kind: 'disk' | 's3';
  /** Stores the bytes under `key`, replacing nothing: keys are never reused. */
  put(key: string, data: Buffer, contentType?: string): Promise<void>;
  /** The bytes stored under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes under `key`; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[0-9a-f-]{36}$/;

/** Keys are file ids (UUIDs): anything else is a bug, and must never become a path or an object name. */
export function checkedKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`invalid file key ${JSON.stringify(key)}`);
  return key;
}

/**
 * Files under `root`, spread over 256 folders by the first two characters of their key so no one
 * folder grows huge. A write goes to a temporary name first and is renamed into place, so a reader
 * never sees half a file.
 */
export function diskStorage(root: string): FileStorage {
  const pathOf = (key: string) => diskPathOf(root, checkedKey(key));
  return {
    kind: 'disk',
    async put(key, data) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, data, { flag: 'wx' });
        await rename(temporary, path);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** Where the disk driver keeps a key's bytes (tests check that files really leave the disk). */
export function diskPathOf(root: string, key: string): string {
  return join(root, key.slice(0, 2), key);
}
