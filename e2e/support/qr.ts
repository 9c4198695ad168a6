import jsQRModule from 'jsqr';
import type { Locator } from 'playwright-core';
import { PNG } from 'pngjs';

// jsqr is a CommonJS bundle whose typings declare `export default`; under NodeNext the default
// import is module.exports, and the function is also exposed as its `.default`.
const jsQR = jsQRModule.default;

/** The text of the QR code in a PNG, or null when there is none to read. */
export function decodeQrPng(png: Buffer): string | null {
  const { width, height, data } = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height)?.data ?? null;
}

/**
 * Reads the QR code an <img> on the page shows, as a phone camera would: from a screenshot of the
 * element. Should the screenshot be too small to read, the image itself is fetched with the page's
 * cookies (the PNG variant for an SVG: `…/qr.svg` → `…/qr.png`).
 */
export async function readQrFromImage(img: Locator): Promise<string> {
  await img.scrollIntoViewIfNeeded();
  await img.evaluate((el) => {
    const image = el as HTMLImageElement;
    return image.complete && image.naturalWidth > 0
      ? undefined
      : new Promise((resolve, reject) => {
          image.addEventListener('load', resolve, { once: true });
          image.addEventListener('error', () => reject(new Error(`the QR image did not load: ${image.src}`)), {
            once: true,
          });
        });
  });
  const seen = decodeQrPng(await img.screenshot({ animations: 'disabled' }));
  if (seen) return seen;
  const src = await img.evaluate((el) => (el as HTMLImageElement).currentSrc || (el as HTMLImageElement).src);
  const png = src.replace(/qr\.svg(\?|$)/, 'qr.png$1');
  const res = await img.page().request.get(png);
  if (!res.ok()) throw new Error(`could not read the QR on screen, and ${png} answered ${res.status()}`);
  const fetched = decodeQrPng(await res.body());
  if (!fetched) throw new Error(`no QR code could be read from the image on screen nor from ${png}`);
  return fetched;
}
