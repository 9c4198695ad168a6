import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeStaff, signInWithToken } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { customers, organizations } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const csvOf = async (token: string | null, path: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { res, text: await res.text() };
};

describe('the customers list as CSV', () => {
  it('every customer by name with contacts, addresses and own fields, local times named in the header, filtered as the list; keys with customers:manage, no hotel', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server, { kind: 'service' });
    await db.update(organizations).set({ timezone: 'Europe/Warsaw' }).where(eq(organizations.id, org.id));
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const field = await makeStaff(server, org, 'field');
    const fieldApi = await signInWithToken(server, field);
    const fields = [
      { key: 'boiler', label: 'Boiler model', type: 'text' },
      { key: 'contract', label: 'Contract', type: 'yes_no' },
    ];
    expect((await admin.put('/api/v1/customer-fields', { fields })).status).toBe(200);
    const add = async (api: typeof admin, body: Record<string, unknown>) => {
      const res = await api.post('/api/v1/customers', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.customer.id as string;
    };
    const jan = await add(admin, {
      name: '=Jan Kowalski',
      companyName: 'Kowalski, "Heating"',
      phones: ['601 234 567', '+48 22 111 22 33'],
      emails: ['jan@example.com'],
      serviceAddress: { line1: 'Długa 5', postcode: '00-238', city: 'Warszawa', country: 'PL' },
      fields: { boiler: 'Vaillant ecoTEC', contract: true },
    });
    const ewa = await add(fieldApi, { name: 'Ewa Nowak', phones: ['602 000 000'] });
    // 23:30 UTC on 31 October is 00:30 on 1 November in Warsaw
    await db
      .update(customers)
      .set({ createdAt: new Date('2026-10-31T23:30:00Z') })
      .where(eq(customers.id, jan));
    await db
      .update(customers)
      .set({ createdAt: new Date('2026-11-02T08:00:00Z') })
      .where(eq(customers.id, ewa));

    const { res, text } = await csvOf(admin.token, '/api/v1/customers.csv');
    expect(res.status, text).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="customers.csv"');
    expect(text.split('\r\n')).toEqual([
      'Customer,Name,Company,Phones,E-mails,Service address,Billing address,Language,External id,Boiler model,Contract,Added (Europe/Warsaw)',
      // by name as the list has them ("=" sorts before letters); the formula defused
      `${jan},'=Jan Kowalski,"Kowalski, ""Heating""",601 234 567; +48 22 111 22 33,jan@example.com,"Długa 5, 00-238, Warszawa, PL",,en,,Vaillant ecoTEC,yes,2026-11-01 00:30`,
      `${ewa},Ewa Nowak,,602 000 000,,,,en,,,,2026-11-02 09:00`,
      '',
    ]);
    // the list's filters: a search, and "mine" (the field user's own)
    const searched = await csvOf(admin.token, '/api/v1/customers.csv?q=kowalski');
    expect(
      searched.text
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(',')[0]),
    ).toEqual([jan]);
    const mine = await csvOf(fieldApi.token, '/api/v1/customers.csv?mine=true');
    expect(mine.res.headers.get('content-disposition')).toBe('attachment; filename="my-customers.csv"');
    expect(
      mine.text
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(',')[0]),
    ).toEqual([ewa]);

    // more than a page (100): every customer, once, in the list's order
    await db.insert(customers).values(
      Array.from({ length: 120 }, (_, i) => ({
        orgId: org.id,
        name: `Bulk ${String(i).padStart(3, '0')}`,
        language: 'pl',
      })),
    );
    const all = await csvOf(admin.token, '/api/v1/customers.csv');
    const names = all.text
      .split('\r\n')
      .slice(1, -1)
      .map((l) => l.split(',')[1]);
    expect(names).toHaveLength(122);
    expect(names.filter((n) => n?.startsWith('Bulk'))).toEqual(
      Array.from({ length: 120 }, (_, i) => `Bulk ${String(i).padStart(3, '0')}`),
    );

    // a key with customers:manage reads it; one without is refused; another company sees none of these
    const keyOf = async (scopes: string[]) =>
      (await admin.post('/api/v1/api-keys', { name: `CRM ${uniqueSuffix()}`, scopes })).body.key as string;
    const crm = await csvOf(await keyOf(['customers:manage']), '/api/v1/customers.csv?q=nowak');
    expect(
      crm.text
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(',')[0]),
    ).toEqual([ewa]);
    const refused = await csvOf(await keyOf(['reports:read']), '/api/v1/customers.csv');
    expect([refused.res.status, JSON.parse(refused.text).error.code]).toEqual([403, 'api_key_scope_missing']);
    const other = await signInWithToken(
      server,
      await makeStaff(server, await makeOrg(server, { kind: 'service' }), 'admin'),
    );
    expect((await csvOf(other.token, '/api/v1/customers.csv')).text.split('\r\n').slice(1)).toEqual(['']);
    // a hotel has no customers
    const hotel = await signInWithToken(server, await makeStaff(server, await makeOrg(server), 'admin'));
    const refusedHotel = await csvOf(hotel.token, '/api/v1/customers.csv');
    expect([refusedHotel.res.status, JSON.parse(refusedHotel.text).error.code]).toEqual([403, 'forbidden']);
  });
});
