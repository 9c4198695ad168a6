import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { leads, organizations } from '../../db/schema.js';
import { leadSourceQuery, rangeBounds } from './report.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function desk(org: TestOrg, role: 'admin' | 'agent' | 'field', name: string) {
  const user = await makeStaff(server, org, role, { name });
  return { id: user.id, api: await signInWithToken(server, user) };
}

const oneQuestion = (label: string) => ({
  steps: [{ title: 'What', fields: [{ key: 'what', type: 'short_text', label, required: true }] }],
});

const minutes = (n: number) => n * 60_000;

/**
 * A company in Warsaw (UTC+1 in November) with two forms, two label batches (one of a campaign),
 * labels given to customers by two technicians and an admin, and leads on both sides of the
 * month's edges on its clock. The leads are written as they stand after being worked, so the
 * report's figures can be checked to the lead.
 */
async function seed() {
  const org = await makeOrg(server, { kind: 'service' });
  await server.ctx.db.update(organizations).set({ timezone: 'Europe/Warsaw' }).where(eq(organizations.id, org.id));
  const admin = await desk(org, 'admin', 'Ada Admin');
  const tomek = await desk(org, 'field', 'Tomek Field');
  const olga = await desk(org, 'field', 'Olga Field');

  const form = async (name: string) => {
    const made = await admin.api.post('/api/v1/forms', { name, draft: oneQuestion(name) });
    await admin.api.post(`/api/v1/forms/${made.body.id}/publish`);
    return made.body.id as string;
  };
  const boiler = await form('Boiler service');
  const repair = await form('Emergency, "now"');

  const customer = async (name: string) =>
    (await admin.api.post('/api/v1/customers', { name, phones: ['601 234 567'] })).body.customer.id as string;
  const jan = await customer('Jan');
  const piotr = await customer('Piotr');
  const ewa = await customer('Ewa');

  const batch = async (name: string, campaign: string) => {
    const made = await admin.api.post('/api/v1/label-batches', { name, campaign, size: 2 });
    expect(made.status).toBe(201);
    const list = (await admin.api.get(`/api/v1/labels?batchId=${made.body.id}`)).body.labels as { id: string }[];
    return { id: made.body.id as string, labels: list.map((l) => l.id) };
  };
  const winter = await batch('Winter 2026', 'Winter check');
  const spring = await batch('Spring', '');
  const [w1 = '', w2 = ''] = winter.labels;
  const [s1 = ''] = spring.labels;
  const assign = async (by: typeof admin, label: string, customerId: string) =>
    expect((await by.api.post(`/api/v1/labels/${label}/assign`, { customerId })).status).toBe(200);
  await assign(tomek, w1, jan);
  // Tomek gave W2 to Jan first; the office moved it to Piotr: Piotr's lead is the admin's
  await assign(tomek, w2, jan);
  await assign(admin, w2, piotr);
  await assign(olga, s1, ewa);

  const lead = async (values: {
    customerId: string;
    formId: string;
    at: string;
    status: 'new' | 'contacted' | 'converted' | 'lost';
    contactAfter?: number;
    label?: { id: string; batchId: string; campaign: string };
  }) => {
    const createdAt = new Date(values.at);
    await server.ctx.db.insert(leads).values({
      orgId: org.id,
      customerId: values.customerId,
      formId: values.formId,
      formVersion: 1,
      answers: { what: 'Something' },
      status: values.status,
      lostReason: values.status === 'lost' ? 'Too dear' : null,
      labelId: values.label?.id ?? null,
      batchId: values.label?.batchId ?? null,
      campaign: values.label?.campaign ?? '',
      createdAt,
      firstContactedAt:
        values.contactAfter === undefined ? null : new Date(createdAt.getTime() + minutes(values.contactAfter)),
    });
  };
  const W1 = { id: w1, batchId: winter.id, campaign: 'Winter check' };
  const W2 = { id: w2, batchId: winter.id, campaign: 'Winter check' };
  const S1 = { id: s1, batchId: spring.id, campaign: '' };
  // 1 November 00:30 in Warsaw: in the range
  await lead({
    customerId: jan,
    formId: boiler,
    at: '2026-10-31T23:30:00Z',
    status: 'converted',
    contactAfter: 30,
    label: W1,
  });
  await lead({
    customerId: jan,
    formId: repair,
    at: '2026-11-10T10:00:00Z',
    status: 'lost',
    contactAfter: 90,
    label: W1,
  });
  await lead({ customerId: piotr, formId: boiler, at: '2026-11-11T10:00:00Z', status: 'new', label: W2 });
  await lead({
    customerId: ewa,
    formId: boiler,
    at: '2026-11-12T10:00:00Z',
    status: 'converted',
    contactAfter: 10,
    label: S1,
  });
  // 30 November 23:30 in Warsaw: in the range
  await lead({ customerId: ewa, formId: repair, at: '2026-11-30T22:30:00Z', status: 'contacted', contactAfter: 60 });
  // 1 December 00:30 and 31 October 23:30 in Warsaw: outside
  await lead({
    customerId: jan,
    formId: boiler,
    at: '2026-11-30T23:30:00Z',
    status: 'converted',
    contactAfter: 5,
    label: W1,
  });
  await lead({
    customerId: jan,
    formId: boiler,
    at: '2026-10-31T22:30:00Z',
    status: 'converted',
    contactAfter: 5,
    label: W1,
  });
  return { org, admin, tomek, olga, boiler, repair, winter, spring };
}

const november = 'from=2026-11-01&to=2026-11-30';

describe('lead-source report', () => {
  it('counts the leads of whole days on the organization’s clock by campaign, batch, form and who attached the label', async () => {
    const { admin, tomek, olga, boiler, repair, winter, spring } = await seed();
    const res = await admin.api.get(`/api/v1/leads/report?${november}`);
    expect(res.status).toBe(200);
    const row = (id: string | null, name: string, [leads, open, converted, lost]: number[], median: number | null) => ({
      id,
      name,
      leads,
      open,
      converted,
      lost,
      conversionRate: (converted as number) / (leads as number),
      medianMinutesToContact: median,
    });
    expect(res.body).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      timezone: 'Europe/Warsaw',
      total: row(null, '', [5, 2, 2, 1], 45),
      byCampaign: [row(null, 'Winter check', [3, 1, 1, 1], 60), row(null, '', [2, 1, 1, 0], 35)],
      byBatch: [
        row(winter.id, 'Winter 2026', [3, 1, 1, 1], 60),
        row(spring.id, 'Spring', [1, 0, 1, 0], 10),
        row(null, '', [1, 1, 0, 0], 60),
      ],
      byForm: [row(boiler, 'Boiler service', [3, 1, 2, 0], 20), row(repair, 'Emergency, "now"', [2, 1, 0, 1], 75)],
      byFieldUser: [
        row(tomek.id, 'Tomek Field', [2, 0, 1, 1], 60),
        row(admin.id, 'Ada Admin', [1, 1, 0, 0], null),
        row(olga.id, 'Olga Field', [1, 0, 1, 0], 10),
        row(null, '', [1, 1, 0, 0], 60),
      ],
    });

    // one day: only Ewa's late contacted lead of 30 November
    const lastDay = await admin.api.get('/api/v1/leads/report?from=2026-11-30&to=2026-11-30');
    expect(lastDay.body.total).toMatchObject({ leads: 1, open: 1, medianMinutesToContact: 60 });
    // a range without leads
    const empty = await admin.api.get('/api/v1/leads/report?from=2025-01-01&to=2025-01-31');
    expect(empty.body).toMatchObject({
      total: { leads: 0, conversionRate: null, medianMinutesToContact: null },
      byCampaign: [],
      byBatch: [],
      byForm: [],
      byFieldUser: [],
    });
  });

  it('downloads the same table as CSV with a header row, plain words and escaped cells', async () => {
    const { admin } = await seed();
    const res = await admin.api.get(`/api/v1/leads/report.csv?${november}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="lead-sources-2026-11-01-to-2026-11-30.csv"',
    );
    expect((res.body as string).split('\r\n')).toEqual([
      'Grouped by,Source,Leads,Open,Converted,Lost,Conversion rate (%),Median minutes to first contact',
      'All leads,All leads,5,2,2,1,40,45',
      'Campaign,Winter check,3,1,1,1,33.3,60',
      'Campaign,No campaign,2,1,1,0,50,35',
      'Label batch,Winter 2026,3,1,1,1,33.3,60',
      'Label batch,Spring,1,0,1,0,100,10',
      'Label batch,No label,1,1,0,0,0,60',
      'Request form,Boiler service,3,1,2,0,66.7,20',
      'Request form,"Emergency, ""now""",2,1,0,1,0,75',
      'Label attached by,Tomek Field,2,0,1,1,50,60',
      'Label attached by,Ada Admin,1,1,0,0,0,',
      'Label attached by,Olga Field,1,0,1,0,100,10',
      'Label attached by,No label,1,1,0,0,0,60',
      '',
    ]);
  });

  it('is for admins of service companies only, and never counts another company’s leads', async () => {
    const { org } = await seed();
    const agent = await desk(org, 'agent', 'Dorota');
    const tech = await desk(org, 'field', 'Tomasz');
    for (const path of [`/api/v1/leads/report?${november}`, `/api/v1/leads/report.csv?${november}`]) {
      expect((await agent.api.get(path)).status, path).toBe(403);
      expect((await tech.api.get(path)).status, path).toBe(403);
    }
    const hotelAdmin = await desk(await makeOrg(server), 'admin', 'Hanna');
    expect((await hotelAdmin.api.get(`/api/v1/leads/report?${november}`)).status).toBe(403);
    const other = await desk(await makeOrg(server, { kind: 'service' }), 'admin', 'Bogdan');
    const theirs = await other.api.get(`/api/v1/leads/report?${november}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.total.leads).toBe(0);
    expect(theirs.body.byForm).toEqual([]);
    const csv = await other.api.get(`/api/v1/leads/report.csv?${november}`);
    expect(csv.body).toBe(
      'Grouped by,Source,Leads,Open,Converted,Lost,Conversion rate (%),Median minutes to first contact\r\nAll leads,All leads,0,0,0,0,,\r\n',
    );
  });

  it('refuses ranges that end before they start or are not dates', async () => {
    const { admin } = await seed();
    for (const q of [
      'from=2026-11-30&to=2026-11-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2020-01-01&to=2026-01-01',
      'from=2026-11-01',
    ]) {
      const res = await admin.api.get(`/api/v1/leads/report?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe('validation_failed');
    }
  });

  it('reads the leads through their (organization, created) index and the labels’ history through its index', async () => {
    const { org } = await seed();
    const { start, end } = rangeBounds('2026-11-01', '2026-11-30', 'Europe/Warsaw');
    expect([start.toISOString(), end.toISOString()]).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    // a few rows make a sequential scan cheapest: forbid it to see which index the plan can use
    const plan = await server.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = (await tx.execute(sql`explain ${leadSourceQuery(org.id, start, end)}`)) as unknown as {
        rows: Record<string, string>[];
      };
      return result.rows.map((r) => Object.values(r).join(' ')).join('\n');
    });
    expect(plan).toContain('leads_org_idx');
    expect(plan).toContain('label_events_label_idx');
  });
});
