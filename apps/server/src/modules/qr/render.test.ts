import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  decodeQrPng,
  decodeQrSvg,
  decodeQrsInPdf,
  extractPdfImages,
  pdfImagePlacements,
  pdfPageCount,
  pdfTextLines,
} from '../../../test/qr-decode.js';
import { formatAccessCode, qrPng, qrSvg, roomPostersPdf, toWinAnsi, welcomeCardPdf } from './render.js';

const SHORT_URL = 'https://fd.example/g/aurora';
const LONG_URL = 'http://localhost:3000/g/hotel-aurora?code=K7PM3XQ2H9RT';
const INSTRUCTION = 'Scan to chat with reception — no app needed';

const card = {
  hotelName: 'Hotel Aurora',
  motto: 'By the sea since 1902',
  roomText: 'Room 101',
  guestName: 'Anna Kowalska',
  code: 'K7PM3XQ2H9RT',
  url: LONG_URL,
  checkOutText: 'Check-out: Sunday 14 June, by 11:00',
  instruction: INSTRUCTION,
};

function expectValidPdf(pdf: Buffer, pages: number) {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(-6).toString('latin1').trim()).toMatch(/%%EOF$/);
  expect(pdfPageCount(pdf)).toBe(pages);
}

describe('qrSvg / qrPng', () => {
  it.each([SHORT_URL, LONG_URL])('round-trips %s through SVG', async (url) => {
    const svg = await qrSvg(url);
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(decodeQrSvg(svg)).toBe(url);
  });

  it.each([SHORT_URL, LONG_URL])('round-trips %s through PNG', async (url) => {
    expect(decodeQrPng(await qrPng(url))).toBe(url);
  });

  it('sizes the PNG to a whole number of pixels per module, close to the requested width', async () => {
    const png = await qrPng(LONG_URL);
    const width = png.readUInt32BE(16); // IHDR
    expect(width).toBeGreaterThan(440);
    expect(width).toBeLessThanOrEqual(512);
    expect(png[25]).toBe(0); // colour type 0: grayscale, no alpha channel
    expect(decodeQrPng(await qrPng(LONG_URL, 200))).toBe(LONG_URL);
  });

  it('also reads SVGs drawn as filled one-module squares (M x y h1v1h-1z)', () => {
    const { modules } = QRCode.create(LONG_URL, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) d += `M${col + 2} ${row + 2}h1v1h-1z`;
    }
    const side = modules.size + 4;
    expect(decodeQrSvg(`<svg viewBox="0 0 ${side} ${side}"><path fill="#000000" d="${d}"/></svg>`)).toBe(LONG_URL);
  });

  it('decodes nothing from an SVG that holds no QR', () => {
    expect(decodeQrSvg('<svg viewBox="0 0 21 21"><path fill="#fff" d="M0 0h21v21H0z"/></svg>')).toBeNull();
  });
});

describe('text helpers', () => {
  it('groups the access code in blocks of four', () => {
    expect(formatAccessCode('K7PM3XQ2')).toBe('K7PM 3XQ2');
    expect(formatAccessCode('k7pm-3xq2')).toBe('K7PM 3XQ2');
    expect(formatAccessCode('k7pm 3xq2-h9rt')).toBe('K7PM 3XQ2 H9RT');
  });

  it('transliterates only what WinAnsi cannot show', () => {
    expect(toWinAnsi('Hotel Łódź Główna')).toBe('Hotel Lódz Glówna');
    expect(toWinAnsi('Zażółć gęślą jaźń — “ok” €5')).toBe('Zazólc gesla jazn — “ok” €5');
    expect(toWinAnsi('Ђ😀')).toBe('??');
  });
});

describe('welcomeCardPdf', () => {
  it('is a one-page PDF whose single QR decodes to the guest URL', async () => {
    const pdf = await welcomeCardPdf(card);
    expectValidPdf(pdf, 1);
    expect(decodeQrsInPdf(pdf)).toEqual([LONG_URL]);
    const [placement] = pdfImagePlacements(pdf);
    expect(placement?.width).toBeGreaterThanOrEqual(170); // the QR dominates an A6 card (297.6 pt wide)
    expect(placement && placement.x + placement.width / 2).toBeCloseTo(297.64 / 2, 1);
  });

  it('prints the grouped code, room, guest, check-out, instruction and URL', async () => {
    const [lines] = pdfTextLines(await welcomeCardPdf(card));
    expect(lines).toEqual([
      'Hotel Aurora',
      'By the sea since 1902',
      'K7PM 3XQ2 H9RT',
      'Room 101',
      'Anna Kowalska',
      card.checkOutText,
      INSTRUCTION,
      LONG_URL,
    ]);
  });

  it('survives Polish characters and a missing guest name and motto', async () => {
    const pdf = await welcomeCardPdf({
      ...card,
      hotelName: 'Hotel Łódź Główna',
      motto: undefined,
      guestName: null,
      checkOutText: 'Wymeldowanie: niedziela, do 11:00',
    });
    expectValidPdf(pdf, 1);
    expect(decodeQrsInPdf(pdf)).toEqual([LONG_URL]);
    const [lines] = pdfTextLines(pdf);
    expect(lines?.[0]).toBe('Hotel Lódz Glówna');
    expect(lines).toContain('Room 101');
    expect(lines).not.toContain('Anna Kowalska');
  });

  it('shrinks a very long hotel name onto one line instead of spilling onto a second page', async () => {
    const pdf = await welcomeCardPdf({ ...card, hotelName: 'Grand Hotel '.repeat(12) });
    expectValidPdf(pdf, 1);
    expect(pdfTextLines(pdf)[0]?.[0]).toMatch(/^Grand Hotel .*…$/);
  });
});

describe('roomPostersPdf', () => {
  const rooms = Array.from({ length: 7 }, (_, i) => ({
    number: String(101 + i),
    label: i === 0 ? 'Sea view suite' : undefined,
    url: `http://localhost:3000/g/hotel-aurora/r/${101 + i}?src=poster`,
  }));

  it('gives every room exactly one QR, in order, six to an A4 page', async () => {
    const pdf = await roomPostersPdf({ hotelName: 'Hotel Aurora', rooms, instruction: INSTRUCTION });
    expectValidPdf(pdf, 2);
    expect(decodeQrsInPdf(pdf)).toEqual(rooms.map((r) => r.url));

    const placements = pdfImagePlacements(pdf);
    expect(placements.map((p) => p.page)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    const firstPage = placements.filter((p) => p.page === 0);
    const xs = [...new Set(firstPage.map((p) => p.x))];
    const ys = [...new Set(firstPage.map((p) => p.y))];
    expect([xs.length, ys.length]).toEqual([2, 3]);
    // Row-major: 101 102 / 103 104 / 105 106, each QR fully on the A4 page.
    expect(firstPage.map((p) => [xs.indexOf(p.x), ys.indexOf(p.y)])).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 2],
      [1, 2],
    ]);
    for (const p of placements) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x + p.width).toBeLessThan(595.28);
      expect(p.y + p.height).toBeLessThan(841.89);
    }
    expect(placements[6]).toMatchObject({ x: placements[0]?.x, y: placements[0]?.y });
  });

  it('labels each cell with hotel, room, label and instruction', async () => {
    const pdf = await roomPostersPdf({ hotelName: 'Hotel Aurora', rooms, instruction: INSTRUCTION });
    const [page1, page2] = pdfTextLines(pdf);
    expect(page1?.slice(0, 4)).toEqual(['Hotel Aurora', 'Room 101', 'Sea view suite', INSTRUCTION]);
    expect(page1?.filter((l) => l.startsWith('Room '))).toEqual(
      ['101', '102', '103', '104', '105', '106'].map((n) => `Room ${n}`),
    );
    expect(page2).toEqual(['Hotel Aurora', 'Room 107', INSTRUCTION]);
  });

  it('keeps one image per room even when two rooms share a URL', async () => {
    const url = 'http://localhost:3000/g/hotel-aurora';
    const pdf = await roomPostersPdf({
      hotelName: 'H',
      instruction: 'Scan',
      rooms: [
        { number: '1', url },
        { number: '2', url },
      ],
    });
    expect(decodeQrsInPdf(pdf)).toEqual([url, url]);
  });

  it('renders an empty sheet as a valid one-page PDF without images', async () => {
    const pdf = await roomPostersPdf({ hotelName: 'Hotel Aurora', rooms: [], instruction: INSTRUCTION });
    expectValidPdf(pdf, 1);
    expect(extractPdfImages(pdf)).toEqual([]);
    expect(pdfTextLines(pdf)[0]).toContain('There are no rooms to print.');
  });
});
