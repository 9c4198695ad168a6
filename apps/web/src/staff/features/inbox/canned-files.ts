import type { Attachment } from '@frontdesk/protocol';

/**
 * The files going with a reply once a canned response's copies are added to those already chosen:
 * a file already there (the same name, type and size — the response inserted twice) is not added
 * again, and no more than `max` go in all, counting the files still to be uploaded. `left` is how
 * many copies did not fit, to say so.
 */
export function addCannedFiles(
  ready: readonly Attachment[],
  copies: readonly Attachment[],
  toUpload: number,
  max: number,
): { ready: Attachment[]; left: number } {
  const same = (a: Attachment, b: Attachment) => a.name === b.name && a.mime === b.mime && a.size === b.size;
  const fresh = copies.filter((copy) => !ready.some((file) => same(file, copy)));
  const room = Math.max(0, max - toUpload - ready.length);
  return { ready: [...ready, ...fresh.slice(0, room)], left: Math.max(0, fresh.length - room) };
}
