import type PDFKitDocument from 'pdfkit';
import { requiredOnFirstUse } from '../../platform/on-first-use.js';
import { toWinAnsi } from '../qr/index.js';
import type { Transcript } from './transcript.js';
import { lineText, requestHeading, transcriptNotice } from './transcript-text.js';

/** pdfkit is loaded with the first PDF, not at start (platform/on-first-use.ts). */
const pdfKit = requiredOnFirstUse<typeof PDFKitDocument>('pdfkit');

const MUTED = '#555555';
const INK = '#111111';

/**
 * The transcript as an A4 PDF, the same lines as the text file, flowing over as many pages as it
 * needs. The document is a stream: the reply sends each page as pdfkit finishes it.
 */
export function transcriptPdf(t: Transcript): PDFKit.PDFDocument {
  const doc = new (pdfKit())({
    size: 'A4',
    margin: 50,
    info: { Title: `${t.organization} – ${t.title}`, Creator: 'Frontdesk' },
  });
  // pdfkit's built-in fonts hold WinAnsi only: other letters are transliterated, never printed as garbage
  const write = (text: string, font: string, size: number, color = INK, indent = 0) =>
    doc.font(font).fontSize(size).fillColor(color).text(toWinAnsi(text), { indent });
  write(t.organization, 'Helvetica-Bold', 16);
  write(t.title, 'Helvetica-Bold', 12);
  write(transcriptNotice(t.timezone), 'Helvetica-Oblique', 9, MUTED);
  doc.moveDown();
  if (t.requests.length === 0) write('There are no requests to show.', 'Helvetica', 10);
  for (const request of t.requests) {
    write(requestHeading(request, t.timezone), 'Helvetica-Bold', 10);
    doc.moveDown(0.5);
    for (const line of request.lines) {
      write(lineText(line, t.timezone), 'Helvetica', 10, line.author ? INK : MUTED);
      for (const name of line.attachments) write(`Attachment: ${name}`, 'Helvetica-Oblique', 9, MUTED, 20);
    }
    doc.moveDown();
  }
  doc.end();
  return doc;
}
