import { describe, expect, it } from 'vitest';
import { ChatError } from './chat-client.js';
import { type UploadRequest, uploadAttachment } from './upload.js';

/**
 * A stand-in for the browser's XMLHttpRequest that plays one scripted outcome per request: the
 * network dropping mid-upload, a refusal, or the stored attachment. (Node has no XMLHttpRequest;
 * the real one is driven by the browser spec e2e/specs/15-attachments.)
 */
function scriptedRequests(outcomes: ('drop' | 'refuse' | 'store')[]) {
  const sent: { url: string; headers: Record<string, string> }[] = [];
  const make = (): UploadRequest => {
    const outcome = outcomes.shift() ?? 'drop';
    const request: UploadRequest & { url: string; headers: Record<string, string> } = {
      url: '',
      headers: {},
      responseType: '',
      response: null,
      status: 0,
      upload: { onprogress: null },
      onerror: null,
      ontimeout: null,
      onabort: null,
      onload: null,
      open(_method, url) {
        this.url = url;
      },
      setRequestHeader(name, value) {
        this.headers[name] = value;
      },
      abort() {
        this.onabort?.();
      },
      send() {
        sent.push({ url: this.url, headers: this.headers });
        setTimeout(() => {
          this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
          if (outcome === 'drop') return this.onerror?.();
          const self = this as { status: number; response: unknown };
          self.status = outcome === 'store' ? 201 : 415;
          self.response =
            outcome === 'store'
              ? { id: 'a1', kind: 'image', name: 'leak.webp' }
              : { error: { code: 'attachment_type_mismatch', message: 'no' } };
          this.onload?.();
        }, 1);
      },
    };
    return request;
  };
  return { make, sent };
}

const file = Object.assign(new Blob(['x'.repeat(10)], { type: 'image/jpeg' }), { name: 'leak photo.jpg' });

describe('uploadAttachment', () => {
  it('reports progress, starts over after the connection dropped, and resolves with what was stored', async () => {
    const { make, sent } = scriptedRequests(['drop', 'store']);
    const progress: number[] = [];
    const stored = await uploadAttachment(file, {
      url: '/api/v1/guest/attachments',
      xhr: make,
      onProgress: (share) => progress.push(share),
    });
    expect(stored).toMatchObject({ id: 'a1' });
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual({
      url: '/api/v1/guest/attachments?name=leak%20photo.jpg',
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(progress).toEqual([0.5, 0.5, 1]);
  }, 10_000);

  it('does not retry a refusal, and gives up after its retries', async () => {
    const refused = scriptedRequests(['refuse', 'store']);
    await expect(uploadAttachment(file, { url: '/u', xhr: refused.make })).rejects.toMatchObject({
      code: 'attachment_type_mismatch',
    });
    expect(refused.sent).toHaveLength(1);
    const dropping = scriptedRequests(['drop', 'drop']);
    const failure = await uploadAttachment(file, { url: '/u', xhr: dropping.make, retries: 1 }).catch((e) => e);
    expect(failure).toBeInstanceOf(ChatError);
    expect(failure.code).toBe('network_error');
    expect(dropping.sent).toHaveLength(2);
  }, 10_000);
});
