import type { ErrorCode } from '@frontdesk/protocol';

/** Codes the server sends, plus the one the browser makes up when the server cannot be reached. */
export type ClientErrorCode = ErrorCode | 'network_error';

/** A refusal from the API (or the socket), with the server's stable code, message and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Reads a numeric field of an error's details (`retryAfterSeconds`, …) if the server sent one. */
export function detail<T>(err: ApiError, key: string): T | undefined {
  const details = err.details as Record<string, unknown> | undefined;
  return details && key in details ? (details[key] as T) : undefined;
}
