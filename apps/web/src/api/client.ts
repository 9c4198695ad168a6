import { ApiError, type ClientErrorCode } from './errors';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A file sent as the raw request body, with its own type (image uploads); instead of a JSON body. */
  file?: Blob;
  signal?: AbortSignal;
}

/**
 * Calls the REST API on the same origin with the session cookie and answers with the parsed body,
 * typed by the caller; anything but a 2xx throws an ApiError carrying the server's
 * `{ error: { code, message, details } }`.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = options.body === undefined && !options.file ? 'GET' : 'POST', body, file, signal } = options;
  let headers: Record<string, string> = { accept: 'application/json' };
  if (file) headers = { ...headers, 'content-type': file.type || 'application/octet-stream' };
  else if (body !== undefined) headers = { 'content-type': 'application/json' };
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      credentials: 'same-origin',
      headers,
      body: file ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'network_error', 'The server could not be reached');
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, data);
  return data as T;
}

function toApiError(status: number, data: unknown): ApiError {
  const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  const fallback: ClientErrorCode = status >= 500 ? 'internal_error' : status === 404 ? 'not_found' : 'bad_request';
  return new ApiError(
    status,
    (error?.code as ClientErrorCode | undefined) ?? fallback,
    error?.message ?? `HTTP ${status}`,
    error?.details,
  );
}
