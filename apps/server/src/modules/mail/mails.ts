import type { DomainEventOf, DomainEventType, EmailTemplate } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../../db/connection.js';
import { alerts, customers, leads, organizations, requestForms, workItems } from '../../db/schema.js';
import type { ServiceEnv } from '../../platform/service-context.js';
import { mailedPasswordLink } from '../auth/index.js';
import { customerCodeToMail } from '../labels/index.js';
import type { MailRequest } from './queue.js';
import { adminsOf, staffRecipient } from './recipients.js';
import { staySummaries } from './stay-summary.js';
import { mailStrings } from './strings.js';

/**
 * What e-mails an event sends, and to whom: one entry per event type. Runs in the mail consumer's
 * transaction, which also stores the e-mails, so an event redelivered after a crash sends nothing
 * twice. Adding an e-mail is a template (strings.ts) and an entry here.
 */
type MailsOf<E extends DomainEventType> = (db: Db, env: ServiceEnv, event: DomainEventOf<E>) => Promise<MailRequest[]>;

const keyOf = (event: { id: string }, address: string) => `${event.id}:${address.toLowerCase()}`;

export const mailsOn: { [E in DomainEventType]?: MailsOf<E> } = {
  'staff.added': async (db, env, event) => {
    const user = await staffRecipient(db, event.data.userId);
    // the link issued with the event, beside the one shown on screen; gone once either was used
    const link = await mailedPasswordLink(db, env.config, event.id);
    if (!user?.active || !link) return [];
    return [
      {
        key: keyOf(event, user.address),
        orgId: event.orgId,
        template: 'staff_welcome',
        to: user,
        params: (language, org) => ({
          name: user.name,
          setPasswordUrl: link.setPasswordUrl,
          expiresAt: DateTime.fromJSDate(link.expiresAt)
            .setZone(org?.timezone ?? 'UTC')
            .setLocale(language)
            .toLocaleString(DateTime.DATETIME_FULL),
        }),
      },
    ];
  },
  'staff.role_changed': async (db, env, event) => {
    const user = await staffRecipient(db, event.data.userId);
    if (!user?.active) return [];
    return [
      {
        key: keyOf(event, user.address),
        orgId: event.orgId,
        template: 'staff_role_changed',
        to: user,
        params: () => ({ name: user.name, role: event.data.to, signInUrl: `${env.config.publicUrl}/app` }),
      },
    ];
  },
  'staff.deactivated': async (db, _env, event) => {
    const user = await staffRecipient(db, event.data.userId);
    if (!user) return [];
    return [
      {
        key: keyOf(event, user.address),
        orgId: event.orgId,
        template: 'staff_deactivated',
        to: user,
        params: () => ({ name: user.name }),
      },
    ];
  },
  'organization.updated': (db, env, event) =>
    toAdmins(db, event, 'organization_updated', (language) => ({
      changed: event.data.changed.map((key) => mailStrings[language].settings[key] ?? key),
      settingsUrl: `${env.config.publicUrl}/app/admin`,
    })),
  'organization.deactivated': (db, _env, event) => toAdmins(db, event, 'organization_deactivated', () => ({})),
  'lead.created': async (db, env, event) => {
    const [row] = await db
      .select({ customer: customers.name, form: requestForms.name })
      .from(customers)
      .innerJoin(requestForms, eq(requestForms.id, event.data.formId))
      .where(eq(customers.id, event.data.customerId));
    if (!row) return [];
    return toAdmins(db, event, 'lead_created', () => ({
      customer: row.customer,
      form: row.form,
      campaign: event.data.campaign,
      url: `${env.config.publicUrl}/app/leads`,
    }));
  },
  'lead.status_changed': async (db, env, event) => {
    const [row] = await db
      .select({ customer: customers, form: requestForms.name, slug: organizations.slug })
      .from(leads)
      .innerJoin(customers, eq(customers.id, leads.customerId))
      .innerJoin(requestForms, eq(requestForms.id, leads.formId))
      .innerJoin(organizations, eq(organizations.id, leads.orgId))
      .where(eq(leads.id, event.data.leadId));
    const address = row?.customer.emails[0];
    if (!row || !address || row.customer.archivedAt) return [];
    // converted into a work order: the booking confirmation (lead.converted) says it, with the time
    if (event.data.to === 'converted' && (await workOrderOfLead(db, event.data.leadId))) return [];
    return [
      {
        key: keyOf(event, address),
        orgId: event.orgId,
        template: 'lead_status_changed',
        to: { address, name: row.customer.name, language: row.customer.language },
        params: () => ({
          name: row.customer.name,
          form: row.form,
          status: event.data.to,
          reason: event.data.lostReason,
          url: `${env.config.publicUrl}/g/${row.slug}`,
        }),
      },
    ];
  },
  'lead.converted': (db, env, event) => workOrderNotice(db, env, event, event.data.workItemId, 'booked'),
  'work_item.updated': async (db, env, event) =>
    event.data.change === 'rescheduled' ? workOrderNotice(db, env, event, event.data.workItemId, 'moved') : [],
  'work_item.status_changed': async (db, env, event) =>
    event.data.to === 'cancelled'
      ? workOrderNotice(db, env, event, event.data.workItemId, 'cancelled', event.data.reason)
      : [],
  'customer.code_requested': async (db, env, event) => {
    // the code is derived again here from the row's id (labels/customer-code.ts says why); a code
    // used, replaced or expired before this ran is not worth an e-mail
    const live = await customerCodeToMail(db, env.config.sessionSecret, event.data.codeId);
    const address = live?.customer.emails[0];
    if (!live || !address) return [];
    const minutes = Math.max(1, Math.round((live.expiresAt.getTime() - Date.parse(event.occurredAt)) / 60_000));
    return [
      {
        key: keyOf(event, address),
        orgId: event.orgId,
        template: 'customer_code',
        to: { address, name: live.customer.name, language: live.customer.language },
        params: () => ({ name: live.customer.name, code: live.code, minutes }),
      },
    ];
  },
  'stay.ended': (db, _env, event) => staySummaries(db, event),
  'webhook.disabled': (db, env, event) =>
    toAdmins(db, event, 'webhook_disabled', () => ({
      url: event.data.url,
      failures: event.data.failures,
      reason: event.data.lastError ?? '',
      webhooksUrl: `${env.config.publicUrl}/app/webhooks`,
    })),
  'alert.raised': async (db, env, event) => {
    const [alert] = await db.select().from(alerts).where(eq(alerts.id, event.data.alertId));
    if (!alert) return [];
    const requests: MailRequest[] = [];
    for (const userId of event.data.notifiedUserIds) {
      const user = await staffRecipient(db, userId);
      if (!user?.active) continue;
      requests.push({
        key: keyOf(event, user.address),
        orgId: event.orgId,
        template: 'alert_raised',
        to: user,
        params: (language) => {
          const d = alert.detail;
          const guest = d.contactName ?? mailStrings[language].aGuest;
          return {
            kind: alert.kind,
            rating: d.rating ?? null,
            word: d.word ?? null,
            targetMinutes: d.targetMinutes ?? null,
            contact: d.roomNumber ? `${guest} (${d.roomNumber})` : guest,
            url: `${env.config.publicUrl}/app?c=${alert.conversationId}`,
            alertsUrl: `${env.config.publicUrl}/app/alerts`,
          };
        },
      } as MailRequest);
    }
    return requests;
  },
};

async function workOrderOfLead(db: Db, leadId: string) {
  const [item] = await db
    .select({ id: workItems.id })
    .from(workItems)
    .where(and(eq(workItems.leadId, leadId), eq(workItems.kind, 'work_order')))
    .limit(1);
  return item ?? null;
}

/** "Tuesday 8 December, 09:00–12:00 (Europe/Warsaw)": a window or due time on the organization's clock. */
function visitTime(item: typeof workItems.$inferSelect, timeZone: string, language: string): string | null {
  const at = (d: Date) => DateTime.fromJSDate(d, { zone: timeZone }).setLocale(language);
  const day = (t: DateTime) => t.toFormat('cccc d LLLL');
  const start = item.windowStart ?? item.dueAt;
  if (!start) return null;
  const from = at(start);
  const to = item.windowStart && item.windowEnd ? at(item.windowEnd) : null;
  const span = !to
    ? `${day(from)}, ${from.toFormat('HH:mm')}`
    : from.hasSame(to, 'day')
      ? `${day(from)}, ${from.toFormat('HH:mm')}–${to.toFormat('HH:mm')}`
      : `${day(from)}, ${from.toFormat('HH:mm')} – ${day(to)}, ${to.toFormat('HH:mm')}`;
  return `${span} (${timeZone})`;
}

/**
 * The customer of a work order hears when it is booked, moved or cancelled, with its time on the
 * organization's clock as it stands when the e-mail is made. Tasks and work orders without a
 * customer's address send nothing.
 */
async function workOrderNotice(
  db: Db,
  env: ServiceEnv,
  event: { id: string; orgId: string | null },
  workItemId: string,
  change: 'booked' | 'moved' | 'cancelled',
  reason: string | null = null,
): Promise<MailRequest[]> {
  const [row] = await db
    .select({ item: workItems, customer: customers, slug: organizations.slug })
    .from(workItems)
    .innerJoin(customers, eq(customers.id, workItems.customerId))
    .innerJoin(organizations, eq(organizations.id, workItems.orgId))
    .where(eq(workItems.id, workItemId));
  const address = row?.customer.emails[0];
  if (!row || !address || row.customer.archivedAt || row.item.kind !== 'work_order') return [];
  return [
    {
      key: keyOf(event, address),
      orgId: event.orgId,
      template: 'work_order_notice',
      to: { address, name: row.customer.name, language: row.customer.language },
      params: (language, org) => ({
        name: row.customer.name,
        title: row.item.title,
        change,
        when: change === 'cancelled' ? null : visitTime(row.item, org?.timezone ?? 'UTC', language),
        reason,
        url: `${env.config.publicUrl}/g/${row.slug}`,
      }),
    } as MailRequest,
  ];
}

/** One e-mail of `template` to each active admin of the event's organization. */
async function toAdmins<T extends EmailTemplate>(
  db: Db,
  event: { id: string; orgId: string | null },
  template: T,
  params: MailRequest<T>['params'],
): Promise<MailRequest[]> {
  if (!event.orgId) return [];
  return (await adminsOf(db, event.orgId)).map((admin) => ({
    key: keyOf(event, admin.address),
    orgId: event.orgId,
    template,
    to: admin,
    params,
  })) as MailRequest[];
}

export const mailEventTypes = Object.keys(mailsOn) as DomainEventType[];
