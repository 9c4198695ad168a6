/**
 * Reading a label's QR from the camera: the browser's own `BarcodeDetector` where there is one, else
 * jsQR on canvas frames. Both are loaded only when the technician opens the camera.
 */

/** A frame's pixels, as a canvas gives them (RGBA, row by row). */
export interface Frame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** The text of the QR in a frame, or null when there is none (jsQR, loaded on first use). */
export async function decodeFrame(frame: Frame): Promise<string | null> {
  const { default: jsQR } = await import('jsqr');
  return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/**
 * The token of a label link (`https://…/l/<token>`) in what a QR says; null for any other text,
 * so a stranger's QR never becomes a lookup.
 */
export function labelTokenOf(text: string): string | null {
  let path: string;
  try {
    path = new URL(text.trim()).pathname;
  } catch {
    return null;
  }
  const match = /^\/l\/([A-Za-z0-9_-]{16,64})\/?$/.exec(path);
  return match?.[1] ?? null;
}

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

/** The browser's QR detector, when it has one that reads QR codes. */
export async function nativeDetector(): Promise<Detector | null> {
  const Native = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Native) return null;
  try {
    const formats = await Native.getSupportedFormats();
    return formats.includes('qr_code') ? new Native({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

interface BarcodeDetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}
