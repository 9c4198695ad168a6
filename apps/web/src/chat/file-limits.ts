import type { AttachmentLimits } from '@frontdesk/protocol';

/** Why a chosen file was not added: one too many, too large itself, or too large with the others. */
export type LeftOutReason = 'tooMany' | 'tooLarge' | 'tooLargeTogether';

/**
 * The files of the next message once `chosen` are added to `files`, within the server's limits
 * (sent with the session): a file over the size per file, one past the count, or one that would
 * take the message over its size together is left out and named, so the sender hears it now
 * rather than when the send is refused. `held` are files already going with the message by id (a
 * canned response's copies): they count too.
 */
export function fitFiles(
  files: readonly File[],
  chosen: readonly File[],
  limits: AttachmentLimits,
  held: readonly { size: number }[] = [],
): { files: File[]; leftOut: { file: File; reason: LeftOutReason }[] } {
  const kept = [...files];
  const leftOut: { file: File; reason: LeftOutReason }[] = [];
  let bytes = [...held, ...files].reduce((sum, file) => sum + file.size, 0);
  for (const file of chosen) {
    const reason: LeftOutReason | null =
      held.length + kept.length >= limits.maxPerMessage
        ? 'tooMany'
        : file.size > limits.maxBytes
          ? 'tooLarge'
          : bytes + file.size > limits.maxMessageBytes
            ? 'tooLargeTogether'
            : null;
    if (reason) {
      leftOut.push({ file, reason });
      continue;
    }
    kept.push(file);
    bytes += file.size;
  }
  return { files: kept, leftOut };
}
