import { eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { emails } from '../../db/schema.js';
import { msUntilNextDue } from '../../platform/next-due.js';
import { backoffMs } from '../../platform/outbox/lease.js';
import { rowsOf } from '../../platform/outbox/read.js';

/** How long a node may take to hand one batch to the mail server before another node may retry it. */
const LEASE_MS = 2 * 60_000;
const BATCH = 20;

interface ClaimedEmail {
  id: string;
  to_address: string;
  to_name: string | null;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  essential: boolean;
  key: string;
}

/**
 * Sends the queued e-mails of every node's outbox: a batch is claimed (`sending`, leased), handed
 * to the SMTP server, and each one ends `sent`, or goes back to `queued` for a retry after a
 * backoff, or ends `failed` after `maxAttempts` tries or a permanent refusal. Runs when a consumer
 * queued mail on this node, when a retry falls due here, and from the `mail-send` job everywhere.
 */
export class MailSender {
  private readonly transport: Transporter | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly config: MailConfig,
    private readonly onError: (err: unknown) => void,
  ) {
    const smtp = config.smtp;
    this.transport = !smtp
      ? undefined
      : 'url' in smtp
        ? nodemailer.createTransport(smtp.url)
        : nodemailer.createTransport({
            host: smtp.host,
            port: smtp.port,
            secure: smtp.secure,
            auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
            connectionTimeout: 15_000,
            greetingTimeout: 15_000,
            socketTimeout: 30_000,
          });
  }

  /** Sends what is due now, soon: one run at a time per node. */
  wake(): void {
    if (!this.transport || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sendDue()
      .then(() => undefined)
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.running;
    this.transport?.close();
  }

  /** Sends every due e-mail; returns how many were sent. */
  async sendDue(): Promise<number> {
    if (!this.transport) return 0;
    let sent = 0;
    for (;;) {
      const batch = await this.claim();
      for (const email of batch) if (await this.send(email)) sent++;
      if (batch.length < BATCH || this.stopped) break;
    }
    await this.scheduleRetry();
    return sent;
  }

  private async claim(): Promise<ClaimedEmail[]> {
    return rowsOf<ClaimedEmail>(
      this.db,
      sql`update emails set status = 'sending', attempts = attempts + 1, updated_at = now(),
            lease_until = now() + ${LEASE_MS} * interval '1 millisecond'
          where id in (
            select id from emails
            where (status = 'queued' and next_attempt_at <= now()) or (status = 'sending' and lease_until < now())
            order by next_attempt_at limit ${BATCH} for update skip locked)
          returning id, to_address, to_name, subject, text, html, attempts, essential, key`,
    );
  }

  private async send(email: ClaimedEmail): Promise<boolean> {
    try {
      await this.transport?.sendMail({
        from: this.config.from,
        to: email.to_name ? { name: email.to_name, address: email.to_address } : email.to_address,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<${email.id}@frontdesk>`,
        headers: unsubscribeHeaders(email.text),
      });
      await this.db
        .update(emails)
        .set({ status: 'sent', sentAt: new Date(), lastError: null, leaseUntil: null, updatedAt: new Date() })
        .where(eq(emails.id, email.id));
      return true;
    } catch (err) {
      const permanent = isPermanentRefusal(err);
      const failed = permanent || email.attempts >= this.config.maxAttempts;
      const delay = backoffMs(email.attempts, this.config.retryBaseMs, 6 * 3600_000);
      await this.db
        .update(emails)
        .set({
          status: failed ? 'failed' : 'queued',
          lastError: plainReason(err),
          leaseUntil: null,
          nextAttemptAt: failed ? sql`now()` : sql`now() + ${delay} * interval '1 millisecond'`,
          updatedAt: new Date(),
        })
        .where(eq(emails.id, email.id));
      return false;
    }
  }

  /** Wakes this node when its next retry falls due (the `mail-send` job covers the other nodes). */
  private async scheduleRetry(): Promise<void> {
    const wait = await msUntilNextDue(this.db, sql`select next_attempt_at from emails where status = 'queued'`);
    clearTimeout(this.retryTimer);
    if (wait == null || this.stopped) return;
    this.retryTimer = setTimeout(() => this.wake(), Math.ceil(wait) + 10);
    this.retryTimer.unref();
  }
}

/** RFC 8058 one-click unsubscribe, when the e-mail has an unsubscribe link. */
function unsubscribeHeaders(text: string): Record<string, string> {
  const link = text.match(/https?:\/\/\S+\/api\/v1\/mail\/unsubscribe\?token=\S+/)?.[0];
  return link ? { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {};
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  message?: string;
}

/** The server refused the recipient for good (5xx to RCPT TO): trying again would not help. */
function isPermanentRefusal(err: unknown): boolean {
  const e = err as SmtpError;
  return !!e.responseCode && e.responseCode >= 500 && /RCPT/i.test(e.command ?? '');
}

/** Why a try failed, in words an admin can act on. */
export function plainReason(err: unknown): string {
  const e = err as SmtpError;
  const said = e.response ? ` The server said: ${e.response.slice(0, 300)}` : '';
  if (e.code === 'ECONNREFUSED' || e.code === 'ESOCKET' || e.code === 'ECONNECTION')
    return `The mail server could not be reached (${e.message ?? e.code}). Check SMTP_HOST and SMTP_PORT, or whether the server is up.`;
  if (e.code === 'ETIMEDOUT') return 'The mail server did not answer in time.';
  if (e.code === 'EAUTH') return `The mail server refused the sign-in: check SMTP_USER and SMTP_PASSWORD.${said}`;
  if (e.responseCode && e.responseCode >= 500 && /RCPT/i.test(e.command ?? ''))
    return `The mail server refused this recipient for good.${said}`;
  if (e.responseCode && e.responseCode >= 500) return `The mail server refused the e-mail.${said}`;
  if (e.responseCode && e.responseCode >= 400) return `The mail server asked to try again later.${said}`;
  return `Sending failed: ${e.message ?? String(err)}`;
}
