import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeFrame, type Frame, labelTokenOf } from './qr-decode';

/** A QR drawn as a camera would see it: black modules on white, 4 px each, with a quiet zone. */
function frameOf(text: string): Frame {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = 4;
  const margin = 4;
  const size = (qr.modules.size + margin * 2) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < qr.modules.size; y++)
    for (let x = 0; x < qr.modules.size; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + margin) * scale + dy) * size + (x + margin) * scale + dx) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
    }
  return { data, width: size, height: size };
}

describe('reading a label QR', () => {
  it('decodes a label link from a frame and takes its token', async () => {
    const url = 'https://desk.example/l/AbCdEfGhIjKlMnOpQrStUv';
    const text = await decodeFrame(frameOf(url));
    expect(text).toBe(url);
    expect(labelTokenOf(text ?? '')).toBe('AbCdEfGhIjKlMnOpQrStUv');
  });

  it('finds nothing in a blank frame', async () => {
    const size = 64;
    expect(
      await decodeFrame({ data: new Uint8ClampedArray(size * size * 4).fill(255), width: size, height: size }),
    ).toBe(null);
  });

  it('refuses what is not a label link', () => {
    expect(labelTokenOf('https://desk.example/g/hotel-aurora?code=K7PM')).toBeNull();
    expect(labelTokenOf('just some text')).toBeNull();
    expect(labelTokenOf('https://desk.example/l/short')).toBeNull();
    expect(labelTokenOf(' https://other.example/l/AbCdEfGhIjKlMnOpQrStUv/ ')).toBe('AbCdEfGhIjKlMnOpQrStUv');
  });
});
