import type { EmailDetail, EmailSummary } from '@frontdesk/protocol';
import type { emails } from '../../db/schema.js';

type EmailRow = typeof emails.$inferSelect;

export function presentEmail(row: EmailRow): EmailSummary {
  return {
    id: row.id,
    orgId: row.orgId,
    template: row.template as EmailSummary['template'],
    language: row.language as EmailSummary['language'],
    to: row.toAddress,
    toName: row.toName,
    subject: row.subject,
    essential: row.essential,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.status === 'queued' && row.attempts > 0 ? row.nextAttemptAt.toISOString() : null,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A one-time link (set a password, a sign-in code link) shown only as where it goes. */
const oneTimeLink = /(https?:\/\/\S+?[?&]token=)[A-Za-z0-9_\-.%]+/g;

/** The six digits of a customer's one-time code, the only run of six digits its e-mail has. */
const oneTimeCode = /\b\d{6}\b/g;

export function presentEmailDetail(row: EmailRow, showLinks: boolean): EmailDetail {
  let text = showLinks
    ? row.text
    : row.text.replace(oneTimeLink, (_all, start: string) =>
        start.includes('/unsubscribe') ? `${start}…` : `${start}(hidden: only the recipient may use it)`,
      );
  if (!showLinks && row.template === 'customer_code')
    text = text.replace(oneTimeCode, '(hidden: only the recipient may use it)');
  return { ...presentEmail(row), text };
}
