import type { Attachment } from '@frontdesk/protocol';
import { ChatError } from './chat-client.js';

export interface UploadOptions {
  /** The upload endpoint: `/api/v1/guest/attachments` (guests) or `/api/v1/attachments` (staff), on the Frontdesk origin. */
  url: string;
  /** Sent as `Authorization: Bearer …`; without it the browser's session cookie authenticates. */
  token?: string;
  /** Called with the share of the file sent so far, 0 to 1, as the bytes go out. */
  onProgress?: (sent: number) => void;
  /** How many more tries after a network failure or a server error; refusals (4xx) are never retried. */
  retries?: number;
  signal?: AbortSignal;
  /** Makes the request; defaults to the browser's XMLHttpRequest (the only browser API with upload progress). */
  xhr?: () => UploadRequest;
}

/** The part of the browser's XMLHttpRequest an upload uses (the SDK is also type-checked without the DOM's types). */
export interface UploadRequest {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  responseType: string;
  readonly response: unknown;
  readonly status: number;
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null };
  onerror: (() => void) | null;
  ontimeout: (() => void) | null;
  onabort: (() => void) | null;
  onload: (() => void) | null;
  abort(): void;
  send(body: unknown): void;
}

const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 15_000;

/**
 * Uploads one file for a message and resolves with what the server stored (its id goes into
 * `send`'s attachment ids). Reports progress as the bytes go out; on a bad connection it waits
 * (longer each time, and until the browser is online again) and starts the file over, up to
 * `retries` times. A refusal — a type the desk does not take, too large, too many — is final.
 */
export async function uploadAttachment(file: Blob & { name?: string }, options: UploadOptions): Promise<Attachment> {
  const retries = options.retries ?? 5;
  for (let attempt = 0; ; attempt++) {
    try {
      return await uploadOnce(file, options);
    } catch (err) {
      const final = err instanceof ChatError && err.code !== 'network_error' && err.code !== 'unavailable';
      if (final || attempt >= retries || options.signal?.aborted) throw err;
      await pause(Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_MAX_MS), options.signal);
    }
  }
}

function uploadOnce(file: Blob & { name?: string }, options: UploadOptions): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const request =
      options.xhr?.() ?? new (globalThis as unknown as { XMLHttpRequest: new () => UploadRequest }).XMLHttpRequest();
    const name = file.name || 'file';
    request.open('POST', `${options.url}?name=${encodeURIComponent(name)}`);
    request.setRequestHeader('content-type', file.type || 'application/octet-stream');
    if (options.token) request.setRequestHeader('authorization', `Bearer ${options.token}`);
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    const networkError = () => reject(new ChatError('network_error', 'The connection dropped while sending the file'));
    request.onerror = networkError;
    request.ontimeout = networkError;
    request.onabort = () => reject(new ChatError('aborted', 'The upload was cancelled'));
    request.onload = () => {
      const body = request.response as { error?: { code: string; message: string; details?: unknown } } | null;
      if (request.status >= 200 && request.status < 300) {
        options.onProgress?.(1);
        resolve(body as unknown as Attachment);
        return;
      }
      if (request.status >= 500 || !body?.error) {
        reject(new ChatError('unavailable', `The server could not take the file (${request.status})`));
        return;
      }
      reject(new ChatError(body.error.code, body.error.message, body.error.details));
    };
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}

/** Waits `ms`, and then until the browser says it is online (where it can tell). */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
      const win = globalThis as unknown as { addEventListener?: (e: string, f: () => void, o: object) => void };
      if (nav?.onLine === false && win.addEventListener)
        win.addEventListener('online', () => resolve(), { once: true });
      else resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
