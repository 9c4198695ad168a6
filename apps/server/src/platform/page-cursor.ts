/**
 * Keyset paging's cursors: the last row's place in a list's order (a time, a name, an id), packed
 * into one URL-safe string that clients hand back as it is and never read.
 */
export const encodePageCursor = (place: string[]): string => Buffer.from(JSON.stringify(place)).toString('base64url');

/** The place a cursor of `length` strings holds, or null when it is not one `encodePageCursor` made. */
export function decodePageCursor(cursor: string, length: number): string[] | null {
  try {
    const place = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(place) && place.length === length && place.every((v) => typeof v === 'string')) return place;
  } catch {}
  return null;
}
