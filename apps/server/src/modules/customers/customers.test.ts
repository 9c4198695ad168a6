import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function desk(org: TestOrg, role: 'admin' | 'agent' | 'field', name: string) {
  const user = await makeStaff(server, org, role, { name });
  return { id: user.id, api: await signInWithToken(server, user) };
}

const address = { line1: 'Ulica Długa 5', city: 'Gdańsk', postcode: '80-827', country: 'PL' };

describe('organization kinds', () => {
  it('a hotel has rooms and stays and no customers; a service company the other way round', async () => {
    const hotel = await desk(await makeOrg(server), 'admin', 'Hanna');
    const company = await desk(await makeOrg(server, { kind: 'service' }), 'admin', 'Cezary');

    const me = await company.api.get('/api/v1/auth/me');
    expect(me.body.organization.kind).toBe('service');
    expect(me.body.abilities).toMatchObject({
      customers: true,
      manageCustomerFields: true,
      leads: true,
      manageForms: true,
      leadReports: true,
      stays: false,
      manageRooms: false,
    });
    const hotelMe = await hotel.api.get('/api/v1/auth/me');
    expect(hotelMe.body.organization.kind).toBe('hotel');
    expect(hotelMe.body.abilities).toMatchObject({ customers: false, leads: false, stays: true, manageRooms: true });

    expect((await company.api.get('/api/v1/rooms')).status).toBe(403);
    expect((await company.api.post('/api/v1/rooms', { number: '1', label: '', priority: false })).status).toBe(403);
    expect((await hotel.api.get('/api/v1/customers')).status).toBe(403);
    expect((await hotel.api.post('/api/v1/customers', { name: 'Jan' })).status).toBe(403);
  });

  it('the platform owner creates a service company', async () => {
    const { makeSuperadmin } = await import('../../../test/factories.js');
    const owner = await signInWithToken(server, await makeSuperadmin(server));
    const slug = `heat-${Date.now().toString(36)}`;
    const res = await owner.post('/api/v1/platform/organizations', {
      name: 'Ciepło Sp. z o.o.',
      slug,
      kind: 'service',
      admin: { email: `${slug}@example.com`, name: 'Celina' },
    });
    expect(res.status).toBe(201);
    expect(res.body.organization.kind).toBe('service');
    const bad = await owner.post('/api/v1/platform/organizations', {
      name: 'X',
      slug: `${slug}-b`,
      kind: 'castle',
      admin: { email: `${slug}-b@example.com`, name: 'X' },
    });
    expect(bad.status).toBe(400);
  });
});

describe('customers', () => {
  it('are added, found by name, phone, e-mail, street and postcode, changed and paged in name order', async () => {
    const org = await makeOrg(server, { kind: 'service' });
    const admin = await desk(org, 'admin', 'Ada');
    const created = await admin.api.post('/api/v1/customers', {
      name: 'Jan Kowalski',
      companyName: 'Piekarnia Jan',
      serviceAddress: address,
      phones: ['+48 601 234 567'],
      emails: ['Jan@Example.com'],
    });
    expect(created.status).toBe(201);
    expect(created.body.customer).toMatchObject({
      name: 'Jan Kowalski',
      emails: ['jan@example.com'],
      language: 'en',
      billingAddress: null,
      serviceAddress: { line1: 'Ulica Długa 5', line2: '', postcode: '80-827' },
      createdBy: { id: admin.id, name: 'Ada' },
    });
    expect(created.body.duplicates).toEqual([]);
    const id = created.body.customer.id;
    for (const name of ['Zofia Nowak', 'anna Zielińska', 'Bartek 100% Pewny']) {
      expect((await admin.api.post('/api/v1/customers', { name })).status).toBe(201);
    }

    const names = async (query: string) =>
      (await admin.api.get(`/api/v1/customers${query}`)).body.customers.map((c: { name: string }) => c.name);
    expect(await names('')).toEqual(['anna Zielińska', 'Bartek 100% Pewny', 'Jan Kowalski', 'Zofia Nowak']);
    expect(await names('?q=kowal')).toEqual(['Jan Kowalski']);
    expect(await names('?q=601-234')).toEqual(['Jan Kowalski']);
    expect(await names('?q=jan%40example')).toEqual(['Jan Kowalski']);
    expect(await names('?q=d%C5%82uga')).toEqual(['Jan Kowalski']);
    expect(await names('?q=80-827')).toEqual(['Jan Kowalski']);
    expect(await names('?q=100%25')).toEqual(['Bartek 100% Pewny']);
    expect(await names('?q=%25')).toEqual(['Bartek 100% Pewny']);

    const first = await admin.api.get('/api/v1/customers?limit=3');
    expect(first.body.customers).toHaveLength(3);
    const rest = await admin.api.get(`/api/v1/customers?limit=3&after=${first.body.next}`);
    expect(rest.body.customers.map((c: { name: string }) => c.name)).toEqual(['Zofia Nowak']);
    expect(rest.body.next).toBeNull();
    expect((await admin.api.get('/api/v1/customers?after=nonsense')).status).toBe(400);

    const changed = await admin.api.patch(`/api/v1/customers/${id}`, {
      billingAddress: { line1: 'Skrytka 12', city: 'Sopot' },
      phones: ['601 234 567', '+48 58 000 11 22'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.customer.billingAddress).toMatchObject({ line1: 'Skrytka 12', city: 'Sopot' });
    expect(changed.body.customer.name).toBe('Jan Kowalski');

    expect((await admin.api.delete(`/api/v1/customers/${id}`)).status).toBe(204);
    expect((await admin.api.get(`/api/v1/customers/${id}`)).status).toBe(404);
    expect(await names('?q=kowal')).toEqual([]);
  });

  it('hints at the same person by phone (whatever its spelling) or e-mail, never refusing', async () => {
    const org = await makeOrg(server, { kind: 'service' });
    const agent = await desk(org, 'agent', 'Dorota');
    const first = await agent.api.post('/api/v1/customers', {
      name: 'Ewa Lis',
      phones: ['+48 601-234-567'],
      emails: ['ewa@lis.pl'],
    });
    const second = await agent.api.post('/api/v1/customers', { name: 'E. Lis', phones: ['601 234 567'] });
    expect(second.status).toBe(201);
    expect(second.body.duplicates).toEqual([
      { id: first.body.customer.id, name: 'Ewa Lis', companyName: '', matched: ['phone'] },
    ]);
    const hints = await agent.api.get('/api/v1/customers/duplicates?email=EWA%40lis.pl&phone=0048601234567');
    expect(hints.body.duplicates.map((d: { name: string; matched: string[] }) => [d.name, d.matched])).toEqual([
      ['E. Lis', ['phone']],
      ['Ewa Lis', ['phone', 'email']],
    ]);
    const detail = await agent.api.get(`/api/v1/customers/${first.body.customer.id}`);
    expect(detail.body.duplicates.map((d: { name: string }) => d.name)).toEqual(['E. Lis']);
    // another company's customer with the same number is nobody's hint
    const other = await desk(await makeOrg(server, { kind: 'service' }), 'admin', 'Olga');
    const theirs = await other.api.post('/api/v1/customers', { name: 'Ewa Lis', phones: ['601234567'] });
    expect(theirs.body.duplicates).toEqual([]);
  });

  it('field staff add customers and see all, but change only their own; only admins remove', async () => {
    const org = await makeOrg(server, { kind: 'service' });
    const admin = await desk(org, 'admin', 'Ada');
    const tech = await desk(org, 'field', 'Tomek');
    const mine = await tech.api.post('/api/v1/customers', { name: 'Marek Mały' });
    expect(mine.status).toBe(201);
    const theirs = await admin.api.post('/api/v1/customers', { name: 'Lena Duża' });

    const list = await tech.api.get('/api/v1/customers');
    expect(list.body.customers).toHaveLength(2);
    const own = await tech.api.get('/api/v1/customers?mine=true');
    expect(own.body.customers.map((c: { name: string }) => c.name)).toEqual(['Marek Mały']);

    expect(
      (await tech.api.patch(`/api/v1/customers/${mine.body.customer.id}`, { notes: 'Dog in the yard' })).status,
    ).toBe(200);
    const refused = await tech.api.patch(`/api/v1/customers/${theirs.body.customer.id}`, { notes: 'x' });
    expect(refused.status).toBe(403);
    expect((await admin.api.get(`/api/v1/customers/${theirs.body.customer.id}`)).body.customer.notes).toBe('');
    expect((await tech.api.delete(`/api/v1/customers/${mine.body.customer.id}`)).status).toBe(403);
  });

  it('never shows or changes another company’s customer', async () => {
    const a = await desk(await makeOrg(server, { kind: 'service' }), 'admin', 'Ada');
    const b = await desk(await makeOrg(server, { kind: 'service' }), 'admin', 'Bea');
    const theirs = await b.api.post('/api/v1/customers', { name: 'Secret Client', phones: ['700800900'] });
    const id = theirs.body.customer.id;
    expect((await a.api.get(`/api/v1/customers/${id}`)).status).toBe(404);
    expect((await a.api.patch(`/api/v1/customers/${id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await a.api.delete(`/api/v1/customers/${id}`)).status).toBe(404);
    expect((await a.api.get('/api/v1/customers?q=secret')).body.customers).toEqual([]);
    expect((await a.api.get('/api/v1/customers/duplicates?phone=700800900')).body.duplicates).toEqual([]);
    expect((await b.api.get(`/api/v1/customers/${id}`)).body.customer.name).toBe('Secret Client');
  });
});

describe('changing a customer', () => {
  it('saving what is already there changes nothing: no new time, no audit entry, whatever the key order', async () => {
    const org = await makeOrg(server, { kind: 'service' });
    const admin = await desk(org, 'admin', 'Ada');
    await admin.api.put('/api/v1/customer-fields', {
      fields: [
        { key: 'boiler_model', label: 'Boiler model', type: 'text' },
        { key: 'zone', label: 'Zone', type: 'text' },
      ],
    });
    const created = await admin.api.post('/api/v1/customers', {
      name: 'Jan Kowalski',
      serviceAddress: address,
      billingAddress: { ...address, line1: 'Ulica Krótka 1' },
      fields: { boiler_model: 'Vaillant', zone: 'North' },
    });
    const id = created.body.customer.id as string;
    const shown = (await admin.api.get(`/api/v1/customers/${id}`)).body.customer;
    const audited = async () =>
      ((await admin.api.get('/api/v1/audit-log')).body.entries as { action: string }[]).filter(
        (e) => e.action === 'customer.updated',
      ).length;
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());

    // the page sends the record back as it showed it, or with the keys in another order
    for (const body of [
      {
        name: shown.name,
        serviceAddress: shown.serviceAddress,
        billingAddress: shown.billingAddress,
        fields: shown.fields,
      },
      {
        serviceAddress: reversed(shown.serviceAddress),
        billingAddress: reversed(shown.billingAddress),
        fields: reversed(shown.fields),
      },
      { serviceAddress: address, fields: { zone: 'North', boiler_model: 'Vaillant' } },
    ]) {
      const res = await admin.api.patch(`/api/v1/customers/${id}`, body);
      expect(res.status).toBe(200);
      expect(res.body.customer.updatedAt, JSON.stringify(body)).toBe(shown.updatedAt);
    }
    expect(await audited()).toBe(0);

    const changed = await admin.api.patch(`/api/v1/customers/${id}`, {
      serviceAddress: { ...address, postcode: '80-828' },
      fields: { zone: 'South', boiler_model: 'Vaillant' },
    });
    expect(changed.body.customer.updatedAt).not.toBe(shown.updatedAt);
    const [entry] = (
      (await admin.api.get('/api/v1/audit-log')).body.entries as {
        action: string;
        details: { fields: string[] };
      }[]
    ).filter((e) => e.action === 'customer.updated');
    expect(entry?.details.fields.sort()).toEqual(['fields', 'serviceAddress']);
  });
});

describe('customer fields', () => {
  it('admins choose them; values are checked against their kind; removed fields stop being accepted', async () => {
    const org = await makeOrg(server, { kind: 'service' });
    const admin = await desk(org, 'admin', 'Ada');
    const agent = await desk(org, 'agent', 'Dorota');
    const fields = [
      { key: 'boiler_model', label: 'Boiler model', type: 'text' },
      { key: 'fuel', label: 'Fuel', type: 'choice', options: ['gas', 'oil'] },
      { key: 'contract_until', label: 'Contract until', type: 'date' },
      { key: 'floors', label: 'Floors', type: 'number' },
      { key: 'pets', label: 'Pets on site', type: 'yes_no' },
    ];
    expect((await agent.api.put('/api/v1/customer-fields', { fields })).status).toBe(403);
    const put = await admin.api.put('/api/v1/customer-fields', { fields });
    expect(put.status).toBe(200);
    expect(put.body.fields.map((f: { key: string }) => f.key)).toEqual(fields.map((f) => f.key));
    expect((await agent.api.get('/api/v1/customer-fields')).body.fields[1]).toEqual(fields[1]);

    const ok = await agent.api.post('/api/v1/customers', {
      name: 'Olaf',
      fields: { boiler_model: 'Vaillant ecoTEC', fuel: 'gas', contract_until: '2027-03-31', floors: 2, pets: true },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.customer.fields).toEqual({
      boiler_model: 'Vaillant ecoTEC',
      fuel: 'gas',
      contract_until: '2027-03-31',
      floors: 2,
      pets: true,
    });
    for (const wrong of [
      { fuel: 'coal' },
      { contract_until: '2027-02-30x' },
      { floors: 'two' },
      { pets: 'yes' },
      { colour: 'red' },
    ]) {
      const res = await agent.api.post('/api/v1/customers', { name: 'Wrong', fields: wrong });
      expect(res.status, JSON.stringify(wrong)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const cleared = await agent.api.patch(`/api/v1/customers/${ok.body.customer.id}`, {
      fields: { pets: null, floors: 3 },
    });
    expect(cleared.body.customer.fields).toEqual({
      boiler_model: 'Vaillant ecoTEC',
      fuel: 'gas',
      contract_until: '2027-03-31',
      floors: 3,
    });

    const twice = await admin.api.put('/api/v1/customer-fields', { fields: [fields[0], fields[0]] });
    expect(twice.status).toBe(400);
    await admin.api.put('/api/v1/customer-fields', { fields: [fields[0]] });
    const gone = await agent.api.patch(`/api/v1/customers/${ok.body.customer.id}`, { fields: { fuel: 'oil' } });
    expect(gone.status).toBe(400);
  });
});
