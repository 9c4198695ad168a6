import type { Limiter } from './rate-limit.js';

// The limiter groups a node builds once from the configuration (app.ts) and hands to the services
// through the context; declared here so that the context names no domain module.

/** Sign-in attempts (the auth module). */
export interface LoginLimiters {
  /** Every attempt from one address, whatever the account. */
  perIp: Limiter;
  /** Failures for one account from one address: slows the guesser, never the staff member elsewhere. */
  perAccountAndIp: Limiter;
  /** Failures for one account from all addresses: a generous ceiling against a guessing botnet. */
  perAccount: Limiter;
}

/** Guest codes and anonymous visits (the guest module). */
export interface GuestLimits {
  /** Wrong codes per client address: past it, that address gets 429 whatever it sends. */
  codePerIp: Limiter;
  /** Wrong codes per organization, from any address: a signal for the logs, never a lock. */
  codeFailuresPerOrg: Limiter;
  /** One point per window, so an organization under attack is logged once, not per guess. */
  codeAlertPerOrg: Limiter;
  visitorPerIp: Limiter;
  /** Wrong answers at one customer's QR label, from any address: the label locks for the window. */
  labelAnswersPerLabel: Limiter;
  /** Wrong answers from one address, at any label. */
  labelAnswersPerIp: Limiter;
  /** One-time codes e-mailed from one customer's QR label, whoever asks. */
  labelCodesPerLabel: Limiter;
  /** One-time codes asked for from one address, at any label. */
  labelCodesPerIp: Limiter;
  /** Quick-action taps per guest (the quick-actions module). */
  quickActionsPerGuest: Limiter;
}

/** Files sent with messages (the attachments module). */
export interface AttachmentLimits {
  /** Uploads per sender (staff member, guest or visitor) per window. */
  uploadsPerSender: Limiter;
}

/** Requests made with API keys (the api-keys module). */
export interface ApiKeyLimits {
  /** Requests per key per minute, whatever route: past it, 429 with Retry-After. */
  requestsPerKey: Limiter;
}

/** Web push (the push module). */
export interface PushLimits {
  /** Subscribe and unsubscribe calls per staff member, guest or visitor per window. */
  changesPerOwner: Limiter;
}
