import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { mailingServerForFile, type SmtpServer } from '../../../test/mailing-server.js';
import { eventually } from '../../../test/sockets.js';
import { customers, emails } from '../../db/schema.js';
import { companyWithRequests, desk } from '../leads/test-company.js';

let smtp: SmtpServer;
let server: TestServer;
mailingServerForFile((running) => {
  ({ smtp, server } = running);
});

async function mailTo(to: string, count: number) {
  await eventually(async () => smtp.to(to).length >= count);
  return smtp.to(to).map((m) => ({ subject: m.parsed.subject ?? '', text: m.parsed.text ?? '' }));
}

describe('the customer of a converted lead, by e-mail through a real SMTP server', () => {
  it('gets the booking with its window on the company’s clock, then a notice when it moves and when it is cancelled', async () => {
    const { org, admin, customer, sent } = await companyWithRequests(server, 1);
    const address = `jan-${uniqueSuffix()}@example.test`;
    await server.ctx.db
      .update(customers)
      .set({ emails: [address] })
      .where(eq(customers.id, customer.id));
    const tech = await desk(server, org, 'field', 'Tomasz Technik');
    // Tuesday 5 March 2030, 9–12 in Warsaw (UTC+1 in winter)
    const window = { start: '2030-03-05T08:00:00.000Z', end: '2030-03-05T11:00:00.000Z' };
    const converted = await admin.api.post(`/api/v1/leads/${sent[0].id}/convert`, { assigneeId: tech.id, window });
    expect(converted.status, JSON.stringify(converted.body)).toBe(201);
    const item = converted.body.workItem;

    const [booked] = await mailTo(address, 1);
    expect(booked?.subject).toBe(`${org.name} booked your visit: ${item.title}`);
    expect(booked?.text).toContain(`booked “${item.title}” for Tuesday 5 March, 09:00–12:00 (Europe/Warsaw)`);
    expect(booked?.text).toContain(`/g/${org.slug}`);

    // moved to the next day, over noon
    const moved = await admin.api.post(`/api/v1/work-items/${item.id}/reschedule`, {
      window: { start: '2030-03-06T11:00:00.000Z', end: '2030-03-06T13:30:00.000Z' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const second = (await mailTo(address, 2))[1];
    expect(second?.subject).toBe(`${org.name} moved your visit: ${item.title}`);
    expect(second?.text).toContain('to Wednesday 6 March, 12:00–14:30 (Europe/Warsaw)');

    const cancelled = await admin.api.post(`/api/v1/work-items/${item.id}/status`, {
      status: 'cancelled',
      reason: 'The boiler works again',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const third = (await mailTo(address, 3))[2];
    expect(third?.subject).toBe(`${org.name} cancelled your visit: ${item.title}`);
    expect(third?.text).toContain(`cancelled “${item.title}”: The boiler works again`);

    // one e-mail per change: the booking says "converted", no separate status e-mail
    const rows = () =>
      server.ctx.db
        .select({ template: emails.template, status: emails.status })
        .from(emails)
        .where(and(eq(emails.orgId, org.id), eq(emails.toAddress, address)))
        .orderBy(asc(emails.createdAt));
    // the mail server has it a moment before the row says so
    await eventually(async () => (await rows()).every((r) => r.status === 'sent'));
    expect(await rows()).toEqual([
      { template: 'work_order_notice', status: 'sent' },
      { template: 'work_order_notice', status: 'sent' },
      { template: 'work_order_notice', status: 'sent' },
    ]);
    expect(smtp.to(address)).toHaveLength(3);
  });
});
