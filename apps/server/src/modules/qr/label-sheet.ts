import { type Doc, line, openDoc, qrPng } from './render.js';

const MM = 72 / 25.4;
const MUTED = '#555555';

/** A sheet of sticker labels: the paper, and where its labels sit (points). */
interface Layout {
  paper: 'A4' | 'LETTER';
  columns: number;
  rows: number;
  /** The top-left label's corner. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** From one label's corner to the next one's. */
  pitchX: number;
  pitchY: number;
}

/**
 * The label papers a company can print on: 24 per A4 sheet (3×8, 63.5×33.9 mm, like Avery L7159),
 * 10 per A4 sheet (2×5, 99.1×57 mm) and 10 per US Letter sheet (2×5, 4×2 in, like Avery 5163).
 */
export const labelSheetLayouts = {
  'a4-3x8': {
    paper: 'A4',
    columns: 3,
    rows: 8,
    left: 6.5 * MM,
    top: 12.9 * MM,
    width: 63.5 * MM,
    height: 33.9 * MM,
    pitchX: 66 * MM,
    pitchY: 33.9 * MM,
  },
  'a4-2x5': {
    paper: 'A4',
    columns: 2,
    rows: 5,
    left: 4.65 * MM,
    top: 6 * MM,
    width: 99.1 * MM,
    height: 57 * MM,
    pitchX: 101.6 * MM,
    pitchY: 57 * MM,
  },
  'letter-2x5': {
    paper: 'LETTER',
    columns: 2,
    rows: 5,
    left: 0.156 * 72,
    top: 0.5 * 72,
    width: 4 * 72,
    height: 2 * 72,
    pitchX: 4.188 * 72,
    pitchY: 2 * 72,
  },
} as const satisfies Record<string, Layout>;
export type LabelSheetLayout = keyof typeof labelSheetLayouts;

export interface LabelSheet {
  companyName: string;
  /** The company's logo as PNG or JPEG bytes, or null to print without one. */
  logo: Buffer | null;
  /** One short line under the code, e.g. "Scan for service or a repair". */
  instruction: string;
  labels: { url: string; code: string }[];
}

/** Sticker sheets with one QR label per cell: the QR on the left, the company, code and a line on the right. */
export async function labelSheetPdf(sheet: LabelSheet, layoutName: LabelSheetLayout): Promise<Buffer> {
  const layout: Layout = labelSheetLayouts[layoutName];
  const { doc, done } = openDoc(layout.paper, `${sheet.companyName} – QR labels`);
  if (sheet.labels.length === 0) {
    line(doc, 'There are no labels to print.', 40, 120, doc.page.width - 80, { font: 'Helvetica', size: 12 });
  }
  // every PNG first, so a failure cannot leave half a document
  const pngs = await Promise.all(sheet.labels.map((l) => qrPng(l.url, 256)));
  const perPage = layout.columns * layout.rows;
  sheet.labels.forEach((label, i) => {
    const slot = i % perPage;
    if (i > 0 && slot === 0) doc.addPage();
    const x = layout.left + (slot % layout.columns) * layout.pitchX;
    const y = layout.top + Math.floor(slot / layout.columns) * layout.pitchY;
    drawLabel(doc, x, y, layout, sheet, label, pngs[i] as Buffer);
  });
  doc.end();
  return done;
}

function drawLabel(
  doc: Doc,
  x: number,
  y: number,
  layout: Layout,
  sheet: LabelSheet,
  label: LabelSheet['labels'][number],
  png: Buffer,
): void {
  const pad = Math.min(8, layout.height * 0.08);
  const qrSize = Math.min(layout.height - 2 * pad, layout.width * 0.46);
  doc.image(png, x + pad, y + (layout.height - qrSize) / 2, { width: qrSize, height: qrSize });
  const textX = x + pad + qrSize + pad;
  const textWidth = layout.width - (textX - x) - pad;
  const big = layout.height > 120;
  let textY = y + pad + (big ? 6 : 2);
  if (sheet.logo && big) {
    const logoHeight = 26;
    try {
      doc.image(sheet.logo, textX, textY, { fit: [textWidth, logoHeight] });
      textY += logoHeight + 4;
    } catch {
      // a logo pdfkit cannot read is left out rather than failing the sheet
    }
  }
  const left = { align: 'left' as const };
  textY = line(doc, sheet.companyName, textX, textY, textWidth, {
    font: 'Helvetica-Bold',
    size: big ? 13 : 9,
    minSize: 6,
    ...left,
  });
  textY += big ? 6 : 2;
  textY = line(doc, label.code, textX, textY, textWidth, {
    font: 'Courier-Bold',
    size: big ? 18 : 12,
    minSize: 8,
    ...left,
  });
  textY += big ? 4 : 1;
  line(doc, sheet.instruction, textX, textY, textWidth, {
    font: 'Helvetica',
    size: big ? 9.5 : 6.5,
    minSize: 5,
    color: MUTED,
    ...left,
  });
}
