import { type EmailTemplate, filePath } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { emailOptOuts, emails, organizations } from '../../db/schema.js';
import { type Language, languageOf } from '../../platform/i18n.js';
import type { ServiceEnv } from '../../platform/service-context.js';
import { type MailBrand, renderMail } from './layout.js';
import type { TemplateParams } from './strings.js';
import { unsubscribeToken } from './unsubscribe-token.js';

/** Account notices and one-time links reach people whatever they opted out of. */
const essentialTemplates: ReadonlySet<EmailTemplate> = new Set([
  'staff_welcome',
  'staff_role_changed',
  'staff_deactivated',
  'organization_updated',
  'organization_deactivated',
  'customer_code',
  // a booked, moved or cancelled visit: the customer must know, whatever they opted out of
  'work_order_notice',
]);

export interface Recipient {
  address: string;
  name: string | null;
  /** Their own language if known; else the organization's. */
  language?: string | null;
}

export interface MailRequest<T extends EmailTemplate = EmailTemplate> {
  /** Unique per e-mail (the event and the recipient): queued twice, it is stored once. */
  key: string;
  orgId: string | null;
  template: T;
  to: Recipient;
  params: (language: Language, org: OrgBrand | null) => TemplateParams[T];
}

export interface OrgBrand extends MailBrand {
  id: string;
  language: string;
  timezone: string;
}

export async function brandOf(db: Db, config: Config, orgId: string): Promise<OrgBrand | null> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) return null;
  const logoUrl = org.logoFileId ? `${config.publicUrl}${filePath(org.logoFileId)}` : org.logoUrl;
  return { id: org.id, name: org.name, logoUrl, language: org.language, timezone: org.timezone };
}

/**
 * Writes e-mails into the outbox (in the caller's transaction): rendered now, in the recipient's
 * language, so what the admin page shows is what was sent. Without SMTP settings they are `kept`
 * and logged; a non-essential one to an address that opted out is stored as `opted_out`.
 */
export async function queueEmails(db: Db, env: ServiceEnv, requests: MailRequest[]): Promise<number> {
  let queued = 0;
  const brands = new Map<string, OrgBrand | null>();
  for (const request of requests) {
    const orgId = request.orgId;
    if (orgId && !brands.has(orgId)) brands.set(orgId, await brandOf(db, env.config, orgId));
    const org = orgId ? (brands.get(orgId) ?? null) : null;
    const language = languageOf(request.to.language, org?.language);
    const address = request.to.address.trim().toLowerCase();
    const essential = essentialTemplates.has(request.template);
    const optedOut = !essential && orgId !== null && (await hasOptedOut(db, orgId, address));
    const unsubscribeUrl =
      !essential && orgId
        ? `${env.config.publicUrl}/api/v1/mail/unsubscribe?token=${unsubscribeToken(env.config.sessionSecret, orgId, address)}`
        : null;
    const brand: MailBrand = org ?? { name: 'Frontdesk', logoUrl: null };
    const mail = renderMail(request.template, request.params(language, org) as never, language, brand, unsubscribeUrl);
    const status = optedOut ? 'opted_out' : env.config.mail.smtp ? 'queued' : 'kept';
    const [row] = await db
      .insert(emails)
      .values({
        orgId,
        key: request.key,
        template: request.template,
        language,
        toAddress: address,
        toName: request.to.name,
        essential,
        status,
        ...mail,
      })
      .onConflictDoNothing()
      .returning({ id: emails.id });
    if (!row) continue;
    queued++;
    if (status === 'kept')
      env.log.info(
        { emailId: row.id, to: address, subject: mail.subject, text: mail.text },
        'e-mail kept: no SMTP settings (SMTP_URL or SMTP_HOST)',
      );
  }
  return queued;
}

async function hasOptedOut(db: Db, orgId: string, address: string): Promise<boolean> {
  const [row] = await db
    .select({ address: emailOptOuts.address })
    .from(emailOptOuts)
    .where(and(eq(emailOptOuts.orgId, orgId), eq(emailOptOuts.address, address)));
  return !!row;
}
