import { localTime } from '../../platform/csv.js';
import type { Transcript, TranscriptLine } from './transcript.js';

/** What every transcript says about what it leaves out and which clock its times are on. */
export const transcriptNotice = (timezone: string) =>
  `Times are in ${timezone}. Internal notes of the staff are not included.`;

/** A request's heading: who, which room, since when, where it stands. */
export const requestHeading = (r: Transcript['requests'][number], timezone: string) =>
  `Request ${r.id} · ${r.contact}${r.room ? ` · room ${r.room}` : ''} · opened ${localTime(r.openedAt, timezone)} · ${r.status}`;

/** "[2026-11-30 23:30] Guest: text", or "[…] — text" for an event of the request. */
export const lineText = (line: TranscriptLine, timezone: string) =>
  `[${localTime(line.at, timezone)}] ${line.author ? `${line.author}: ` : '— '}${line.text}`;

/** The transcript as plain text (UTF-8, LF line ends). */
export function transcriptText(t: Transcript): string {
  const out = [`${t.organization} — ${t.title}`, transcriptNotice(t.timezone), ''];
  if (t.requests.length === 0) out.push('There are no requests to show.', '');
  for (const request of t.requests) {
    out.push(requestHeading(request, t.timezone), '');
    for (const line of request.lines) {
      out.push(lineText(line, t.timezone));
      for (const name of line.attachments) out.push(`    Attachment: ${name}`);
    }
    out.push('');
  }
  return out.join('\n');
}
