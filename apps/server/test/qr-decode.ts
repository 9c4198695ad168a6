import { inflateSync } from 'node:zlib';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// Test helpers: read QR codes back out of what the qr module renders, without a browser or PDF renderer.

// jsqr is a CommonJS bundle whose typings declare `export default`; under NodeNext the default import
// is module.exports, and the function is also exposed as its `.default`.
const jsQR = jsQRModule.default;

export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

export const decodeRgba = (img: RgbaImage): string | null => jsQR(img.rgba, img.width, img.height)?.data ?? null;

export function decodeQrPng(png: Buffer): string | null {
  const { width, height, data } = PNG.sync.read(png);
  return decodeRgba({ width, height, rgba: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) });
}

/**
 * qrcode's SVG is a white background path plus one *stroked* path of horizontal runs
 * ("M2 2.5h7m1 0h1…", stroke width 1 centred on y+0.5). Filled rectangle paths ("M2 2h1v1h-1z")
 * are handled too. Paths are painted onto a module grid, which is rasterised for jsQR.
 */
export function decodeQrSvg(svg: string, pxPerModule = 8, quietModules = 4): string | null {
  const viewBox = /viewBox="\s*0 0 ([\d.]+) ([\d.]+)\s*"/.exec(svg);
  if (!viewBox) return null;
  const size = Math.round(Number(viewBox[1]));
  const dark = new Uint8Array(size * size);
  const paint = (x0: number, y0: number, x1: number, y1: number, value: number) => {
    const [c0, c1] = [Math.max(0, Math.round(Math.min(x0, x1))), Math.min(size, Math.round(Math.max(x0, x1)))];
    const [r0, r1] = [Math.max(0, Math.round(Math.min(y0, y1))), Math.min(size, Math.round(Math.max(y0, y1)))];
    for (let r = r0; r < r1; r++) dark.fill(value, r * size + c0, r * size + c1);
  };
  for (const [tag] of svg.matchAll(/<path\b[^>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
    const stroke = attr('stroke');
    const stroked = stroke !== undefined && stroke !== 'none';
    const value = isDarkColor((stroked ? stroke : attr('fill')) ?? '#000') ? 1 : 0;
    walkPath(attr('d') ?? '', stroked, (x0, y0, x1, y1) => paint(x0, y0, x1, y1, value));
  }
  const side = (size + 2 * quietModules) * pxPerModule;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const [mx, my] = [Math.floor(x / pxPerModule) - quietModules, Math.floor(y / pxPerModule) - quietModules];
      if (mx >= 0 && my >= 0 && mx < size && my < size && dark[my * size + mx])
        rgba.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return decodeRgba({ width: side, height: side, rgba });
}

function isDarkColor(color: string): boolean {
  const hex = /^#([0-9a-f]{6})/i.exec(color.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3'))?.[1] ?? '000000';
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

/** The subset of SVG path syntax qrcode-style QRs use (M, H, V, Z; absolute or relative): stroked lines become 1-wide bars, filled subpaths their bounding box. */
function walkPath(d: string, stroked: boolean, rect: (x0: number, y0: number, x1: number, y1: number) => void): void {
  const tokens = d.match(/[MmHhVvZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  let [x, y, startX, startY] = [0, 0, 0, 0];
  let points: [number, number][] = [];
  let cmd = '';
  const closeFill = () => {
    if (!stroked && points.length > 1) {
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      rect(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
    }
    points = [];
  };
  const lineTo = (nx: number, ny: number) => {
    if (stroked && ny === y) rect(x, y - 0.5, nx, y + 0.5);
    else if (stroked && nx === x) rect(x - 0.5, y, x + 0.5, ny);
    [x, y] = [nx, ny];
    points.push([x, y]);
  };
  for (let i = 0; i < tokens.length; ) {
    if (/^[a-z]$/i.test(tokens[i] ?? '')) cmd = tokens[i++] ?? '';
    const num = () => Number(tokens[i++]);
    const rel = cmd === cmd.toLowerCase();
    switch (cmd.toUpperCase()) {
      case 'M': {
        closeFill();
        const [dx, dy] = [num(), num()];
        [x, y] = rel ? [x + dx, y + dy] : [dx, dy];
        [startX, startY] = [x, y];
        points.push([x, y]);
        break;
      }
      case 'H':
        lineTo(rel ? x + num() : num(), y);
        break;
      case 'V':
        lineTo(x, rel ? y + num() : num());
        break;
      case 'Z':
        closeFill();
        [x, y] = [startX, startY];
        break;
      default:
        throw new Error(`unsupported SVG path command ${cmd || tokens[i]}`);
    }
  }
  closeFill();
}

// ---- PDF: just enough of the object syntax pdfkit writes ----

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function matchingClose(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text.startsWith('<<', i)) [depth, i] = [depth + 1, i + 1];
    else if (text.startsWith('>>', i) && --depth === 0) return i + 2;
    else if (text.startsWith('>>', i)) i++;
    else if (text[i] === '<')
      i = text.indexOf('>', i); // hex string: its '>' must not pair with a following '>'
    else if (text[i] === '(') {
      for (let parens = 1; parens > 0 && ++i < text.length; ) {
        if (text[i] === '\\') i++;
        else parens += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
      }
    }
  }
  throw new Error('unterminated PDF dictionary');
}

function parsePdf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1'); // one char per byte, so string offsets are byte offsets
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+\d+\s+obj\b\s*/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const dictEnd = text.startsWith('<<', start) ? matchingClose(text, start) : text.indexOf('endobj', start);
    const dict = text.slice(start, dictEnd);
    const streamKw = /^\s*stream\r?\n/.exec(text.slice(dictEnd, dictEnd + 20));
    if (!streamKw) {
      objects.set(Number(m[1]), { dict });
      continue;
    }
    const dataStart = dictEnd + streamKw[0].length;
    const length = get(dict, 'Length');
    const dataEnd = length && /^\d+$/.test(length) ? dataStart + Number(length) : text.indexOf('endstream', dataStart);
    objects.set(Number(m[1]), { dict, stream: pdf.subarray(dataStart, dataEnd) });
    header.lastIndex = dataEnd;
  }
  return objects;
}

function get(dict: string, key: string): string | undefined {
  const m = new RegExp(`/${key}(?![\\w.+-])\\s*`).exec(dict);
  if (!m) return undefined;
  const at = m.index + m[0].length;
  if (dict.startsWith('<<', at)) return dict.slice(at, matchingClose(dict, at));
  if (dict[at] === '[') return dict.slice(at, dict.indexOf(']', at) + 1);
  return /^(\d+\s+\d+\s+R|\/[^\s/<>[\]()]+|[-+\d.]+)/.exec(dict.slice(at))?.[1];
}

const refs = (value: string | undefined) => [...(value ?? '').matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));

function deref(objects: Map<number, PdfObject>, value: string | undefined): string | undefined {
  const ref = value && /^(\d+)\s+\d+\s+R$/.exec(value);
  return ref ? objects.get(Number(ref[1]))?.dict : value;
}

function streamData(obj: PdfObject): Buffer {
  const filter = get(obj.dict, 'Filter');
  if (filter === undefined) return obj.stream ?? Buffer.alloc(0);
  if (filter === '/FlateDecode' || filter === '[/FlateDecode]') return inflateSync(obj.stream ?? Buffer.alloc(0));
  throw new Error(`unsupported PDF filter ${filter}`);
}

/** Undo PNG row filters (PDF /Predictor >= 10): every row starts with its filter type byte. */
function unpredict(data: Buffer, rowBytes: number, bpp: number): Buffer {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = Buffer.alloc(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)];
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[r * (rowBytes + 1) + 1 + i] ?? 0;
      const a = i >= bpp ? (out[r * rowBytes + i - bpp] ?? 0) : 0;
      const b = r > 0 ? (out[(r - 1) * rowBytes + i] ?? 0) : 0;
      const c = i >= bpp && r > 0 ? (out[(r - 1) * rowBytes + i - bpp] ?? 0) : 0;
      const [pa, pb, pc] = [Math.abs(b - c), Math.abs(a - c), Math.abs(a + b - 2 * c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][type ?? 0];
      if (predicted === undefined) throw new Error(`bad PNG filter type ${type} in row ${r}`);
      out[r * rowBytes + i] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

/** Every image XObject in file order, except soft masks (an RGBA PNG's alpha is a separate /SMask image). */
export function extractPdfImages(pdf: Buffer): RgbaImage[] {
  const objects = parsePdf(pdf);
  const softMasks = new Set([...objects.values()].flatMap((o) => refs(get(o.dict, 'SMask'))));
  const images: RgbaImage[] = [];
  for (const [num, obj] of objects) {
    if (get(obj.dict, 'Subtype') !== '/Image' || softMasks.has(num)) continue;
    const [width, height] = [Number(get(obj.dict, 'Width')), Number(get(obj.dict, 'Height'))];
    const colorSpace = deref(objects, get(obj.dict, 'ColorSpace'));
    const colors = colorSpace === '/DeviceGray' ? 1 : colorSpace === '/DeviceRGB' ? 3 : 0;
    const bits = Number(get(obj.dict, 'BitsPerComponent'));
    if (!colors || bits !== 8) throw new Error(`unsupported image: ${colorSpace}, ${bits} bits per component`);
    let pixels = streamData(obj);
    const predictor = Number(get(deref(objects, get(obj.dict, 'DecodeParms')) ?? '', 'Predictor') ?? 1);
    if (predictor >= 10) pixels = unpredict(pixels, width * colors, colors);
    else if (predictor !== 1) throw new Error(`unsupported TIFF predictor ${predictor}`);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let p = 0; p < width * height; p++) {
      for (let ch = 0; ch < 3; ch++) rgba[p * 4 + ch] = pixels[p * colors + (colors === 1 ? 0 : ch)] ?? 0;
      rgba[p * 4 + 3] = 255;
    }
    images.push({ width, height, rgba });
  }
  return images;
}

export const decodeQrsInPdf = (pdf: Buffer): (string | null)[] => extractPdfImages(pdf).map(decodeRgba);

function pages(objects: Map<number, PdfObject>): PdfObject[] {
  const root = [...objects.values()].find((o) => get(o.dict, 'Type') === '/Pages' && !get(o.dict, 'Parent'));
  const walk = (node?: PdfObject): PdfObject[] =>
    node && get(node.dict, 'Type') === '/Page'
      ? [node]
      : refs(get(node?.dict ?? '', 'Kids')).flatMap((n) => walk(objects.get(n)));
  return walk(root);
}

export const pdfPageCount = (pdf: Buffer): number => pages(parsePdf(pdf)).length;

function pageContents(pdf: Buffer): string[] {
  const objects = parsePdf(pdf);
  return pages(objects).map((page) =>
    refs(get(page.dict, 'Contents'))
      .map((n) => streamData(objects.get(n) ?? { dict: '' }).toString('latin1'))
      .join('\n'),
  );
}

/** Where images are drawn, in pdfkit's top-left page coordinates (pdfkit flips the page CTM first). */
export function pdfImagePlacements(pdf: Buffer): Record<'page' | 'x' | 'y' | 'width' | 'height', number>[] {
  const number = String.raw`(-?[\d.]+)`;
  const placement = new RegExp(`${Array(6).fill(number).join(' ')} cm\\s+/\\S+ Do`, 'g');
  return pageContents(pdf).flatMap((content, page) =>
    [...content.matchAll(placement)].map((m) => {
      const [a, , , d, e, f] = m.slice(1).map(Number) as [number, number, number, number, number, number];
      return { page, x: e, y: f + d, width: a, height: -d };
    }),
  );
}

// pdfkit's built-in fonts use WinAnsi; bytes 0x80-0x9F differ from Latin-1 (Node decodes "windows-1252" as Latin-1).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Text of each `[...] TJ` operation pdfkit emitted, per page. */
export function pdfTextLines(pdf: Buffer): string[][] {
  return pageContents(pdf).map((content) =>
    [...content.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((m) =>
      [...(m[1] ?? '').matchAll(/<([0-9a-f]*)>/gi)]
        .flatMap((hex) => [...Buffer.from(hex[1] ?? '', 'hex')])
        .map((byte) => (byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte)))
        .join(''),
    ),
  );
}
