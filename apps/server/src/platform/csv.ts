import { Readable } from 'node:stream';
import { DateTime } from 'luxon';

export type CsvValue = string | number | null;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets
 * a leading apostrophe, as OWASP advises: names and messages come from people.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export const csvLine = (cells: readonly CsvValue[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** An instant as "2026-11-30 23:30" on the organization's clock (the header names the zone); null stays empty. */
export function localTime(at: Date | string | null, timezone: string): string | null {
  if (at === null) return null;
  const instant = typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at);
  return instant.setZone(timezone).toFormat('yyyy-MM-dd HH:mm');
}

/**
 * A CSV document as a stream: the header line, then the lines of every batch the source yields, so a
 * long export is written to the reply page by page and never held whole in memory. The stream pulls
 * the next batch only when the reply has room for it.
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<readonly CsvValue[][]>): Readable {
  async function* lines() {
    yield csvLine(header);
    for await (const batch of batches) {
      if (batch.length) yield batch.map(csvLine).join('');
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

/** `attachment; filename="…"`, the name reduced to safe characters (no quotes, no path). */
export const attachmentDisposition = (name: string) =>
  `attachment; filename="${name.replace(/[^A-Za-z0-9._-]+/g, '-')}"`;
