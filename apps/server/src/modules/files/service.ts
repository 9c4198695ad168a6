import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { files } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import type { FileStorage } from '../../platform/file-storage.js';
import type { ServiceContext } from '../../platform/service-context.js';
import type { ImagePurpose, ProcessedImage } from './images.js';

export type FileRow = typeof files.$inferSelect;

/** A stored file and its bytes, for anyone who knows its id (ids are random and never reused). */
export async function loadServedFile(db: Db, storage: FileStorage, id: string) {
  const [file] = await db.select().from(files).where(eq(files.id, id));
  const data = file ? await storage.get(file.id) : null;
  if (!file || !data) throw notFound('File');
  return { file, data };
}

/** What `attach` hands back: its result, and the ids of files it let go of (the ones replaced). */
export interface Attached<T> {
  result: T;
  released: (string | null)[];
}

/**
 * Stores a processed image of `orgId` under a new random id, then runs `attach` in the transaction
 * that records the file, so that the file row, whatever points at it, the audit entry and the
 * removal of the files it replaces commit together. The bytes go to storage first (a row never
 * points at nothing); if the transaction fails they are removed again, and once it commits the
 * replaced files' bytes are removed too.
 */
export async function saveImage<T>(
  ctx: ServiceContext<StaffActor>,
  owner: { orgId: string; purpose: ImagePurpose },
  image: ProcessedImage,
  attach: (tx: ServiceContext<StaffActor>, file: FileRow) => Promise<Attached<T>>,
): Promise<T> {
  const storage = ctx.files;
  const id = randomUUID();
  await storage.put(id, image.data);
  let outcome: Attached<T>;
  try {
    outcome = await ctx.transact(async (tx) => {
      const [file] = await tx.db
        .insert(files)
        .values({
          id,
          orgId: owner.orgId,
          purpose: owner.purpose,
          contentType: image.contentType,
          byteSize: image.data.byteLength,
          width: image.width,
          height: image.height,
          createdBy: ctx.actor.userId,
        })
        .returning();
      if (!file) throw new Error('insert returned nothing');
      const attached = await attach(tx, file);
      await forgetFiles(tx.db, attached.released);
      return attached;
    });
  } catch (err) {
    await storage.delete(id).catch(() => {});
    throw err;
  }
  await removeStoredFiles(storage, outcome.released);
  return outcome.result;
}

/** Deletes the rows of files nothing points at any more; call it inside the transaction that let go of them. */
export async function forgetFiles(tx: Db, ids: (string | null | undefined)[]): Promise<void> {
  const present = ids.filter((id): id is string => Boolean(id));
  if (present.length) await tx.delete(files).where(inArray(files.id, present));
}

/**
 * Removes the bytes of forgotten files, after the transaction that forgot them committed. A failure
 * here leaves bytes that no row names, which nothing serves: harmless, so it does not fail the request.
 */
export async function removeStoredFiles(storage: FileStorage, ids: (string | null | undefined)[]): Promise<void> {
  await Promise.all(
    ids.filter((id): id is string => Boolean(id)).map((id) => storage.delete(id).catch(() => undefined)),
  );
}
