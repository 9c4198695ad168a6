import type { ErrorCode } from '@frontdesk/protocol';

/** Codes the server sends, plus the one the browser makes up when the server cannot be reached. */
export type ClientErrorCode = ErrorCode | 'network_error';

/**
 * Codes only staff screens meet: their words load with the staff app (staff/error-strings.ts), so
 * that the guest's first load stays small; every other code's words are in the `common` namespace.
 */
export type StaffErrorCode =
  | 'email_taken'
  | 'slug_taken'
  | 'seat_limit_reached'
  | 'plan_feature_unavailable'
  | 'last_admin'
  | 'cannot_modify_self'
  | 'room_occupied'
  | 'room_number_taken'
  | 'team_name_taken'
  | 'shortcut_taken'
  | 'tag_name_taken'
  | 'webhook_url_refused'
  | 'too_many_webhooks'
  // a guest's browser could meet it too, but only where the operator blocks every push service: the generic words do
  | 'push_endpoint_refused'
  | 'api_key_invalid'
  | 'api_key_scope_missing'
  | 'too_many_api_keys'
  | 'idempotency_key_reused'
  | 'idempotency_key_in_flight'
  | 'too_many_tags'
  | 'already_taken'
  | 'not_mergeable'
  | 'label_taken'
  | 'merge_not_undoable'
  | 'already_sent'
  | 'already_resolved'
  | 'illegal_transition'
  | 'password_sign_in_disabled'
  | 'sso_not_configured'
  | 'sso_failed'
  | 'sso_email_unverified'
  | 'sso_issuer_refused'
  | 'sso_no_account'
  | 'export_too_large';

/** The codes a guest or customer can meet, whose words every page loads. */
export type GuestErrorCode = Exclude<ClientErrorCode, StaffErrorCode>;

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
