import {
  EmailDetail,
  EmailList,
  EmailListQuery,
  IsoDate,
  StaffIdParams,
  UnsubscribeQuery,
  UnsubscribeResult,
} from '@frontdesk/protocol';
import escapeHtml from 'escape-html';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import { mailPolicy } from './policy.js';
import { presentEmail, presentEmailDetail } from './present.js';
import { listEmails, loadEmail, readUnsubscribe, unsubscribe } from './service.js';
import { senderOf } from './triggers.js';

export function registerMailRoutes(app: Api, ctx: AppContext): void {
  const tags = ['e-mail'];
  const security = staffSecurity;
  app.addHook('onClose', () => senderOf(ctx).stop());
  const delivery: EmailList['delivery'] = ctx.config.mail.smtp ? 'smtp' : 'kept';

  app.get(
    '/api/v1/emails',
    {
      schema: {
        tags,
        security,
        summary: "The organization's e-mails, newest first: to whom, when, and why any failed (admins)",
        querystring: EmailListQuery,
        response: { 200: EmailList, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({
      emails: (await listEmails(req.asStaff(), req.query, 'organization')).map(presentEmail),
      delivery,
    }),
  );

  app.get(
    '/api/v1/platform/emails',
    {
      schema: {
        tags,
        security,
        summary: "Every organization's e-mails, newest first (platform owner)",
        querystring: EmailListQuery,
        response: { 200: EmailList, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({ emails: (await listEmails(req.asStaff(), req.query, 'all')).map(presentEmail), delivery }),
  );

  app.get(
    '/api/v1/emails/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One e-mail with its text (one-time links hidden from all but the platform owner)',
        params: StaffIdParams,
        response: { 200: EmailDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      return presentEmailDetail(await loadEmail(staff, req.params.id), mailPolicy.seeLinks(staff.actor));
    },
  );

  app.get(
    '/api/v1/mail/unsubscribe',
    {
      schema: {
        tags,
        summary:
          'The page an unsubscribe link opens: it asks to confirm (a link scanner opening it changes nothing), or says the address is unsubscribed',
        querystring: UnsubscribeQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const target = await readUnsubscribe(req.asAnonymous(), req.query.token);
      return reply.type('text/html; charset=utf-8').send(unsubscribePage(target, req.query.token));
    },
  );

  // the page's form and mail clients' one-click unsubscribe (RFC 8058) post a form
  app.register(async (scoped: Api) => {
    scoped.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, _body, done) =>
      done(null, { form: true }),
    );
    scoped.post(
      '/api/v1/mail/unsubscribe',
      {
        schema: {
          tags,
          summary:
            'Unsubscribe the address of the link from non-essential e-mail of its organization (one-time codes and password links still arrive)',
          querystring: UnsubscribeQuery,
          response: { 200: UnsubscribeResult.extend({ at: IsoDate }), 303: z.null(), ...errors(400, 410) },
        },
      },
      async (req, reply) => {
        const target = await unsubscribe(req.asAnonymous(), req.query.token);
        if ((req.body as { form?: boolean } | undefined)?.form)
          return reply.redirect(`/api/v1/mail/unsubscribe?token=${encodeURIComponent(req.query.token)}`, 303);
        return { address: target.address, organization: target.organization, at: new Date().toISOString() };
      },
    );
  });
}

function unsubscribePage(target: { address: string; organization: string; optedOut: boolean }, token: string): string {
  const e = escapeHtml;
  const body = target.optedOut
    ? `<h1>You are unsubscribed</h1><p>${e(target.address)} will get no more updates by e-mail from ${e(target.organization)}. Sign-in codes and password links still arrive.</p>`
    : `<h1>Unsubscribe?</h1><p>Stop updates by e-mail from ${e(target.organization)} to ${e(target.address)}.</p>
<form method="post" action="/api/v1/mail/unsubscribe?token=${e(encodeURIComponent(token))}"><button type="submit">Unsubscribe</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Unsubscribe</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.6rem 1.2rem}</style>
</head><body><main>${body}</main></body></html>`;
}
