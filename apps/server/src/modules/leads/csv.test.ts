import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeStaff, signInWithToken } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { leads, organizations } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** A company in Warsaw with one form and two customers, one named like a formula. */
async function company() {
  const org = await makeOrg(server, { kind: 'service' });
  await server.ctx.db.update(organizations).set({ timezone: 'Europe/Warsaw' }).where(eq(organizations.id, org.id));
  const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
  const draft = {
    steps: [{ title: 'What', fields: [{ key: 'what', type: 'short_text', label: 'What', required: true }] }],
  };
  const form = (await admin.post('/api/v1/forms', { name: 'Boiler, "yearly"', draft })).body.id as string;
  await admin.post(`/api/v1/forms/${form}/publish`);
  const customer = async (name: string) =>
    (await admin.post('/api/v1/customers', { name, phones: ['601 234 567'] })).body.customer.id as string;
  return { org, admin, form, jan: await customer('=Jan Kowalski'), ewa: await customer('Ewa') };
}

const csvOf = async (api: { token: string | null }, path: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
  return { res, text: await res.text() };
};

describe('the leads list as CSV', () => {
  it('one row per lead, local times with the zone in the header, formula-safe, filtered as the list', async () => {
    const c = await company();
    const lead = (customerId: string, at: string, status: 'new' | 'contacted' | 'lost', campaign = '') =>
      server.ctx.db
        .insert(leads)
        .values({
          orgId: c.org.id,
          customerId,
          formId: c.form,
          formVersion: 1,
          answers: { what: 'x' },
          status,
          lostReason: status === 'lost' ? 'Too dear, "really"' : null,
          campaign,
          createdAt: new Date(at),
          firstContactedAt: status === 'new' ? null : new Date(Date.parse(at) + 30 * 60_000),
        })
        .returning({ id: leads.id });
    // 23:30 UTC on 31 October is 00:30 on 1 November in Warsaw
    const [late] = await lead(c.jan, '2026-10-31T23:30:00Z', 'lost', '-winter');
    const [early] = await lead(c.ewa, '2026-10-31T08:00:00Z', 'new');
    const { res, text } = await csvOf(c.admin, '/api/v1/leads.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="leads.csv"');
    const header =
      'Lead,Status,Customer,Request form,Campaign,Label,Created (Europe/Warsaw),First contacted (Europe/Warsaw),Lost because\r\n';
    expect(text).toBe(
      header +
        `${late?.id},lost,'=Jan Kowalski,"Boiler, ""yearly""",'-winter,,2026-11-01 00:30,2026-11-01 01:00,"Too dear, ""really"""\r\n` +
        `${early?.id},new,Ewa,"Boiler, ""yearly""",,,2026-10-31 09:00,,\r\n`,
    );
    expect((await csvOf(c.admin, '/api/v1/leads.csv?status=new')).text).toBe(
      `${header}${early?.id},new,Ewa,"Boiler, ""yearly""",,,2026-10-31 09:00,,\r\n`,
    );
    // another company sees none of them
    const other = await company();
    expect((await csvOf(other.admin, '/api/v1/leads.csv')).text).toBe(header);
  });

  it('reads every page once, leads created at the same instant included', async () => {
    const c = await company();
    const at = new Date('2026-11-05T10:00:00.123Z');
    await server.ctx.db.insert(leads).values(
      Array.from({ length: 250 }, () => ({
        orgId: c.org.id,
        customerId: c.ewa,
        formId: c.form,
        formVersion: 1,
        answers: { what: 'x' },
        status: 'new' as const,
        createdAt: at,
      })),
    );
    const { res, text } = await csvOf(c.admin, '/api/v1/leads.csv');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const ids = text
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
  });
});
