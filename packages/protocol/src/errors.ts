import { z } from 'zod';

/**
 * Every error the API returns has one of these stable codes. The HTTP status is part of the
 * contract so clients and the server agree on it; the web app maps each code to a human message.
 */
export const errorStatus = {
  validation_failed: 400,
  malformed_json: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  forbidden: 403,
  csrf_failed: 403,
  account_inactive: 403,
  organization_inactive: 403,
  password_sign_in_disabled: 403,
  sso_not_configured: 404,
  sso_failed: 401,
  sso_email_unverified: 403,
  sso_no_account: 403,
  sso_issuer_refused: 422,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  email_taken: 409,
  slug_taken: 409,
  conflict: 409,
  seat_limit_reached: 409,
  // the organization's plan does not include the feature (403, not 402: the caller is known and may not)
  plan_feature_unavailable: 403,
  last_admin: 409,
  cannot_modify_self: 409,
  room_occupied: 409,
  room_number_taken: 409,
  team_name_taken: 409,
  shortcut_taken: 409,
  tag_name_taken: 409,
  too_many_tags: 409,
  webhook_url_refused: 422,
  too_many_webhooks: 409,
  push_endpoint_refused: 422,
  api_key_invalid: 401,
  api_key_scope_missing: 403,
  too_many_api_keys: 409,
  idempotency_key_reused: 422,
  idempotency_key_in_flight: 409,
  stay_ended: 410,
  stay_not_started: 403,
  stay_read_only: 403,
  code_unknown: 401,
  public_entry_disabled: 403,
  already_taken: 409,
  not_resolved: 409,
  already_resolved: 409,
  already_rated: 409,
  not_mergeable: 409,
  label_retired: 409,
  label_taken: 409,
  label_not_assigned: 409,
  verification_failed: 401,
  no_email_on_file: 409,
  code_expired: 410,
  conversation_merged: 409,
  merge_not_undoable: 409,
  already_sent: 409,
  invalid_token: 410,
  payload_too_large: 413,
  uri_too_long: 414,
  file_too_large: 413,
  // a person's data export with more bytes of files than PRIVACY_EXPORT_MAX_BYTES
  export_too_large: 413,
  unsupported_media_type: 415,
  unsupported_file_type: 415,
  invalid_image: 422,
  attachment_type_mismatch: 415,
  too_many_attachments: 413,
  attachment_unavailable: 409,
  illegal_transition: 409,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;
