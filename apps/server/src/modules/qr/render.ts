import type PDFKitDocument from 'pdfkit';
import QRCode from 'qrcode';
import { requiredOnFirstUse } from '../../platform/on-first-use.js';

/** pdfkit is loaded with the first PDF, not at start (platform/on-first-use.ts). */
const pdfKit = requiredOnFirstUse<typeof PDFKitDocument>('pdfkit');

const ERROR_CORRECTION = 'M';
const MARGIN = 2;
const INK = '#111111';
const MUTED = '#666666';

export interface WelcomeCard {
  hotelName: string;
  motto?: string;
  /** "Room 214", in the guest's language. */
  roomText: string;
  guestName?: string | null;
  code: string;
  url: string;
  checkOutText: string;
  instruction: string;
}

export interface RoomPosterSheet {
  hotelName: string;
  rooms: { number: string; label?: string; url: string }[];
  instruction: string;
}

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION, margin: MARGIN });
}

/** Crisp PNG at a whole number of pixels per module, so the width is at most `size` (never below one px/module). */
export function qrPng(url: string, size = 512): Promise<Buffer> {
  const modules = QRCode.create(url, { errorCorrectionLevel: ERROR_CORRECTION }).modules.size;
  const scale = Math.max(1, Math.floor(size / (modules + 2 * MARGIN)));
  // Grayscale without alpha: pdfkit embeds an RGBA PNG as two XObjects (image + SMask) and re-encodes
  // the pixels; a gray PNG goes in as-is, one image per QR. pngjs supports colorType, @types/qrcode omits it.
  const rendererOpts = { deflateLevel: 9, colorType: 0 };
  return QRCode.toBuffer(url, {
    type: 'png',
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: MARGIN,
    scale,
    rendererOpts,
  });
}

// Unicode code points pdfkit maps into the 0x80-0x9F range of WinAnsiEncoding.
const WIN_ANSI_EXTRAS = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);
// Letters with no Unicode decomposition to a WinAnsi base letter.
const FALLBACKS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i' };

const inWinAnsi = (cp: number) => (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRAS.has(cp);

/**
 * pdfkit's built-in fonts only cover WinAnsi and silently emit broken hex for anything else,
 * so transliterate (Łódź → Lódz) instead of printing garbage.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    if (inWinAnsi(cp)) out += ch;
    else if (/\s/.test(ch)) out += ' ';
    else if (FALLBACKS[ch]) out += FALLBACKS[ch];
    else {
      const base = [...ch.normalize('NFD')].filter((c) => inWinAnsi(c.codePointAt(0) ?? 0)).join('');
      out += base || '?';
    }
  }
  return out;
}

/** "k7pm-3xq2" → "K7PM 3XQ2": blocks of four are easier to read out over the phone and to type. */
export function formatAccessCode(code: string): string {
  const clean = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return clean.match(/.{1,4}/g)?.join(' ') ?? '';
}

export type Doc = PDFKit.PDFDocument;

export function openDoc(size: 'A4' | 'A6' | 'LETTER', title: string): { doc: Doc; done: Promise<Buffer> } {
  // Zero margins: every element is placed explicitly, and pdfkit must never flow text onto a new page.
  const doc = new (pdfKit())({ size, margin: 0, info: { Title: title, Creator: 'Frontdesk' } });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export interface LineStyle {
  font: string;
  size: number;
  minSize?: number;
  color?: string;
  /** Centred unless said otherwise. */
  align?: 'left' | 'center';
}

/** One line (centred by default) that never wraps: shrinks down to minSize, then truncates. Returns the y below it. */
export function line(doc: Doc, text: string, x: number, y: number, width: number, style: LineStyle): number {
  let value = toWinAnsi(text).trim();
  let size = style.size;
  doc.font(style.font).fontSize(size);
  while (size > (style.minSize ?? size) && doc.widthOfString(value) > width) {
    size -= 0.5;
    doc.fontSize(size);
  }
  while (value.length > 1 && doc.widthOfString(value) > width) value = `${value.slice(0, -2)}…`;
  doc.fillColor(style.color ?? INK).text(value, x, y, { width, align: style.align ?? 'center', lineBreak: false });
  return y + size * 1.25;
}

export async function welcomeCardPdf(card: WelcomeCard): Promise<Buffer> {
  const { doc, done } = openDoc('A6', `${card.hotelName} – ${card.roomText}`);
  const pageWidth = doc.page.width; // A6: 297.6 × 419.5 pt
  const pad = 22;
  const width = pageWidth - 2 * pad;
  const qrSize = 184;
  const png = await qrPng(card.url);

  let y = 24;
  y = line(doc, card.hotelName, pad, y, width, { font: 'Helvetica-Bold', size: 17, minSize: 10 });
  if (card.motto)
    y = line(doc, card.motto, pad, y, width, { font: 'Helvetica-Oblique', size: 9, minSize: 7, color: MUTED });
  y += 8;
  doc.image(png, (pageWidth - qrSize) / 2, y, { width: qrSize, height: qrSize });
  y += qrSize + 8;
  y = line(doc, formatAccessCode(card.code), pad, y, width, { font: 'Courier-Bold', size: 28, minSize: 14 });
  y += 4;
  y = line(doc, card.roomText, pad, y, width, { font: 'Helvetica-Bold', size: 13, minSize: 9 });
  if (card.guestName) y = line(doc, card.guestName, pad, y, width, { font: 'Helvetica', size: 11, minSize: 8 });
  y += 4;
  y = line(doc, card.checkOutText, pad, y, width, { font: 'Helvetica', size: 9.5, minSize: 7, color: MUTED });
  y += 6;
  y = line(doc, card.instruction, pad, y, width, { font: 'Helvetica-Bold', size: 10, minSize: 7 });
  y += 2;
  line(doc, card.url, pad, y, width, { font: 'Helvetica', size: 7, minSize: 5, color: MUTED });

  doc.end();
  return done;
}

const COLUMNS = 2;
const ROWS = 3;

export async function roomPostersPdf(sheet: RoomPosterSheet): Promise<Buffer> {
  const { doc, done } = openDoc('A4', `${sheet.hotelName} – room QR codes`);
  const { width: pageWidth, height: pageHeight } = doc.page; // A4: 595.3 × 841.9 pt
  const margin = 28;
  const cellWidth = (pageWidth - 2 * margin) / COLUMNS;
  const cellHeight = (pageHeight - 2 * margin) / ROWS;
  const perPage = COLUMNS * ROWS;

  if (sheet.rooms.length === 0) {
    const y = line(doc, sheet.hotelName, margin, 120, pageWidth - 2 * margin, { font: 'Helvetica-Bold', size: 18 });
    line(doc, 'There are no rooms to print.', margin, y + 8, pageWidth - 2 * margin, { font: 'Helvetica', size: 12 });
  }

  // Generate all PNGs first so a failure cannot leave a half-written document behind.
  const pngs = await Promise.all(sheet.rooms.map((room) => qrPng(room.url)));
  sheet.rooms.forEach((room, i) => {
    const slot = i % perPage;
    if (i > 0 && slot === 0) doc.addPage();
    const x = margin + (slot % COLUMNS) * cellWidth;
    const top = margin + Math.floor(slot / COLUMNS) * cellHeight;
    drawPosterCell(doc, x, top, cellWidth, cellHeight, sheet, room, pngs[i] as Buffer);
  });

  doc.end();
  return done;
}

function drawPosterCell(
  doc: Doc,
  x: number,
  top: number,
  cellWidth: number,
  cellHeight: number,
  sheet: RoomPosterSheet,
  room: RoomPosterSheet['rooms'][number],
  png: Buffer,
): void {
  // Dashed cut lines: each cell is cut out and framed or stuck on a door.
  doc.save().lineWidth(0.5).dash(3, { space: 3 }).strokeColor('#bbbbbb').rect(x, top, cellWidth, cellHeight).stroke();
  doc.restore();

  const pad = 14;
  const width = cellWidth - 2 * pad;
  const qrSize = 170;
  // Content is 71.5 pt of text plus the QR; centre it vertically so the cut-out looks balanced.
  let y = top + (cellHeight - (71.5 + qrSize)) / 2;
  y = line(doc, sheet.hotelName, x + pad, y, width, { font: 'Helvetica', size: 10, minSize: 7, color: MUTED });
  y = line(doc, `Room ${room.number}`, x + pad, y + 2, width, { font: 'Helvetica-Bold', size: 18, minSize: 11 });
  y = room.label ? line(doc, room.label, x + pad, y, width, { font: 'Helvetica', size: 10, minSize: 7 }) : y + 12.5;
  y += 4;
  doc.image(png, x + (cellWidth - qrSize) / 2, y, { width: qrSize, height: qrSize });
  y += qrSize + 6;
  line(doc, sheet.instruction, x + pad, y, width, { font: 'Helvetica-Bold', size: 9.5, minSize: 6.5 });
}
