import { Alert, Button, Stack } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeFrame, labelTokenOf, nativeDetector } from './qr-decode';

/** How often a camera frame is read: often enough to feel instant, rare enough for an old phone. */
const FRAME_MS = 250;

/**
 * The phone's back camera, read until a label's QR shows up; `onToken` gets the label link's token.
 * Loaded only when the technician taps "Scan" (it brings the QR decoder with it).
 */
export function QrScanner({ onToken, onClose }: { onToken: (token: string) => void; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<'noCamera' | 'denied' | null>(null);
  const [notOurs, setNotOurs] = useState(false);
  const found = useRef(onToken);
  found.current = onToken;

  useEffect(() => {
    let stream: MediaStream | null = null;
    const stopStream = () => {
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const read = async (detector: Awaited<ReturnType<typeof nativeDetector>>) => {
      const el = video.current;
      if (stopped || !el) return;
      let text: string | null = null;
      if (el.readyState >= 2 && el.videoWidth > 0) {
        if (detector) text = (await detector.detect(el).catch(() => []))[0]?.rawValue ?? null;
        else {
          canvas.width = el.videoWidth;
          canvas.height = el.videoHeight;
          const context = canvas.getContext('2d', { willReadFrequently: true });
          context?.drawImage(el, 0, 0);
          const image = context?.getImageData(0, 0, canvas.width, canvas.height);
          if (image) text = await decodeFrame(image);
        }
      }
      if (stopped) return;
      const token = text ? labelTokenOf(text) : null;
      if (token) {
        found.current(token);
        return;
      }
      if (text) setNotOurs(true);
      timer = setTimeout(() => void read(detector), FRAME_MS);
    };
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) return setProblem('noCamera');
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (err) {
        return setProblem(err instanceof DOMException && err.name === 'NotAllowedError' ? 'denied' : 'noCamera');
      }
      if (stopped || !video.current) return stopStream();
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      void read(await nativeDetector());
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stopStream();
    };
  }, []);

  return (
    <Stack gap="sm">
      {problem ? (
        <Alert color="yellow" role="alert">
          {t(`labels.scan.${problem}`)}
        </Alert>
      ) : (
        <video
          ref={video}
          muted
          playsInline
          aria-label={t('labels.scan.video')}
          style={{ width: '100%', maxHeight: '50vh', borderRadius: 8, background: '#000', objectFit: 'cover' }}
        />
      )}
      {notOurs ? (
        <Alert color="yellow" role="status">
          {t('labels.scan.notOurs')}
        </Alert>
      ) : null}
      <Button variant="default" size="lg" onClick={onClose}>
        {t('labels.scan.stop')}
      </Button>
    </Stack>
  );
}
