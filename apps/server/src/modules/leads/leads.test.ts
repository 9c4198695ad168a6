import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { eventually } from '../../../test/sockets.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function desk(org: TestOrg, role: 'admin' | 'agent' | 'field', name: string) {
  const user = await makeStaff(server, org, role, { name });
  return { id: user.id, api: await signInWithToken(server, user) };
}

const boilerForm = {
  name: 'Boiler service',
  description: 'Yearly check or a fault',
  draft: {
    steps: [
      {
        title: 'What is wrong?',
        fields: [
          {
            key: 'kind',
            type: 'single_choice',
            label: 'What do you need?',
            required: true,
            options: ['Yearly service', 'A fault'],
          },
          {
            key: 'fault',
            type: 'long_text',
            label: 'Describe the fault',
            required: true,
            showIf: { field: 'kind', equals: 'A fault' },
          },
          { key: 'noise', type: 'yes_no', label: 'Does it make noises?' },
        ],
      },
      {
        title: 'When?',
        fields: [
          { key: 'when', type: 'time_window', label: 'Preferred time', required: true },
          { key: 'address', type: 'address', label: 'Where', required: true },
          { key: 'consent', type: 'consent', label: 'I agree to be contacted', required: true },
        ],
      },
    ],
  },
};

/** A service company with a published form, and a customer signed in through their label. */
async function setup() {
  const org = await makeOrg(server, { kind: 'service' });
  const admin = await desk(org, 'admin', 'Ada');
  const form = await admin.api.post('/api/v1/forms', boilerForm);
  expect(form.status).toBe(201);
  expect(form.body.publishedVersion).toBeNull();
  const published = await admin.api.post(`/api/v1/forms/${form.body.id}/publish`);
  expect(published.body).toMatchObject({ publishedVersion: 1, changedSincePublished: false });
  const customer = (
    await admin.api.post('/api/v1/customers', {
      name: 'Jan Kowalski',
      phones: ['601 234 567'],
      emails: ['jan@example.com'],
      serviceAddress: { line1: 'Długa 5', postcode: '80-827', city: 'Gdańsk' },
    })
  ).body.customer;
  const batch = await admin.api.post('/api/v1/label-batches', { name: 'Winter', campaign: 'Winter check', size: 1 });
  const [label] = (await admin.api.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels;
  await admin.api.post(`/api/v1/labels/${label.id}/assign`, { customerId: customer.id });
  const token = label.url.split('/l/')[1];
  const phone = new ApiClient(server.url);
  const verified = await phone.post(`/api/v1/guest/labels/${token}/verify`, { kind: 'phone_last4', answer: '4567' });
  expect(verified.status).toBe(200);
  return { org, admin, formId: form.body.id as string, customer, label, token, phone };
}

const goodAnswers = {
  kind: 'A fault',
  fault: '  Pressure drops every night  ',
  noise: false,
  when: { date: '2026-12-08', from: '09:00', to: '12:00' },
  address: { line1: 'Długa 5', postcode: '80-827', city: 'Gdańsk' },
  consent: true,
};

describe('request forms and leads', () => {
  it('a customer fills the published form; the lead keeps its source and answers, and opens the chat', async () => {
    const { admin, formId, customer, label, token, phone } = await setup();
    const forms = await phone.get('/api/v1/guest/forms');
    expect(forms.body.forms).toHaveLength(1);
    expect(forms.body.forms[0]).toMatchObject({ id: formId, version: 1, name: 'Boiler service' });

    const sent = await phone.post('/api/v1/guest/leads', { formId, answers: goodAnswers, labelToken: token });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ formName: 'Boiler service', status: 'new', conversationId: expect.any(String) });

    const list = await admin.api.get('/api/v1/leads');
    expect(list.body.leads).toHaveLength(1);
    const lead = list.body.leads[0];
    expect(lead).toMatchObject({
      status: 'new',
      customer: { id: customer.id, name: 'Jan Kowalski' },
      form: { id: formId, name: 'Boiler service', version: 1 },
      source: { labelId: label.id, labelCode: label.code, campaign: 'Winter check' },
      conversationId: sent.body.conversationId,
    });
    expect(lead.answers.map((a: { key: string; label: string }) => [a.key, a.label])).toEqual([
      ['kind', 'What do you need?'],
      ['fault', 'Describe the fault'],
      ['noise', 'Does it make noises?'],
      ['when', 'Preferred time'],
      ['address', 'Where'],
      ['consent', 'I agree to be contacted'],
    ]);
    expect(lead.answers[1].value).toBe('Pressure drops every night');

    const thread = await admin.api.get(`/api/v1/conversations/${sent.body.conversationId}/messages`);
    const text = JSON.stringify(thread.body);
    expect(text).toContain('New request: Boiler service');
    expect(text).toContain('Describe the fault: Pressure drops every night');
    expect(text).toContain('Preferred time: 2026-12-08, 09:00–12:00');

    const own = await phone.get('/api/v1/guest/leads');
    expect(own.body.leads.map((l: { id: string; status: string }) => [l.id, l.status])).toEqual([[lead.id, 'new']]);
  });

  it('answers are checked against the version: required, kinds, conditions, unknown questions', async () => {
    const { formId, phone } = await setup();
    const refusals: [string, Record<string, unknown>][] = [
      ['missing required', { ...goodAnswers, when: undefined }],
      ['not a choice', { ...goodAnswers, kind: 'Something else' }],
      ['condition unmet but answered', { ...goodAnswers, kind: 'Yearly service' }],
      ['condition met, required missing', { ...goodAnswers, fault: '' }],
      ['unknown question', { ...goodAnswers, colour: 'red' }],
      ['backwards window', { ...goodAnswers, when: { date: '2026-12-08', from: '12:00', to: '09:00' } }],
      ['no consent', { ...goodAnswers, consent: false }],
      ['yes/no as text', { ...goodAnswers, noise: 'no' }],
    ];
    for (const [name, answers] of refusals) {
      const res = await phone.post('/api/v1/guest/leads', { formId, answers: JSON.parse(JSON.stringify(answers)) });
      expect(res.status, name).toBe(400);
      expect(res.body.error.code, name).toBe('validation_failed');
    }
    const { fault: _fault, ...yearly } = goodAnswers;
    expect(
      (await phone.post('/api/v1/guest/leads', { formId, answers: { ...yearly, kind: 'Yearly service' } })).status,
    ).toBe(201);
  });

  it('a lead keeps the version it was filled with after the form changes; customers fill the new one', async () => {
    const { admin, formId, phone } = await setup();
    await phone.post('/api/v1/guest/leads', { formId, answers: goodAnswers });
    // version 2 drops the noise question and renames the fault one
    const draft = structuredClone(boilerForm.draft) as {
      steps: { title: string; fields: { key: string; label: string }[] }[];
    };
    const first = draft.steps[0];
    if (!first) throw new Error('no first step');
    first.fields = first.fields
      .filter((f) => f.key !== 'noise')
      .map((f) => (f.key === 'fault' ? { ...f, label: 'What happens?' } : f));
    const changed = await admin.api.patch(`/api/v1/forms/${formId}`, { draft });
    expect(changed.body).toMatchObject({ publishedVersion: 1, changedSincePublished: true });
    // until published, customers still fill version 1
    expect((await phone.get('/api/v1/guest/forms')).body.forms[0].version).toBe(1);
    expect((await admin.api.post(`/api/v1/forms/${formId}/publish`)).body.publishedVersion).toBe(2);
    expect((await admin.api.post(`/api/v1/forms/${formId}/publish`)).status).toBe(409);

    const old = (await admin.api.get('/api/v1/leads')).body.leads[0];
    expect(old.form.version).toBe(1);
    expect(old.answers.find((a: { key: string }) => a.key === 'noise')).toMatchObject({
      label: 'Does it make noises?',
      value: false,
    });
    expect(old.answers.find((a: { key: string }) => a.key === 'fault').label).toBe('Describe the fault');

    const refused = await phone.post('/api/v1/guest/leads', { formId, answers: goodAnswers });
    expect(refused.status).toBe(400);
    const { noise: _noise, ...v2 } = goodAnswers;
    const fresh = await phone.post('/api/v1/guest/leads', { formId, answers: v2 });
    expect(fresh.status).toBe(201);
    const newest = (await admin.api.get('/api/v1/leads')).body.leads[0];
    expect(newest.form.version).toBe(2);
    expect(newest.answers.find((a: { key: string }) => a.key === 'fault').label).toBe('What happens?');
  });

  it('admins design forms; broken designs are refused; staff work leads to converted or lost', async () => {
    const { org, admin, formId, phone } = await setup();
    const agent = await desk(org, 'agent', 'Dorota');
    const tech = await desk(org, 'field', 'Tomek');
    expect((await agent.api.post('/api/v1/forms', boilerForm)).status).toBe(403);
    const broken = [
      {
        steps: [
          {
            fields: [
              { key: 'a', type: 'short_text', label: 'A' },
              { key: 'a', type: 'short_text', label: 'B' },
            ],
          },
        ],
      },
      { steps: [{ fields: [{ key: 'a', type: 'single_choice', label: 'A', options: ['only one'] }] }] },
      { steps: [{ fields: [{ key: 'b', type: 'short_text', label: 'B', showIf: { field: 'a', equals: 'x' } }] }] },
      {
        steps: [
          {
            fields: [
              { key: 'a', type: 'yes_no', label: 'A' },
              { key: 'b', type: 'short_text', label: 'B', showIf: { field: 'a', equals: 'yes' } },
            ],
          },
        ],
      },
    ];
    for (const draft of broken) {
      const res = await admin.api.post('/api/v1/forms', { name: 'Broken', draft });
      expect(res.status, JSON.stringify(draft)).toBe(400);
    }

    await phone.post('/api/v1/guest/leads', { formId, answers: goodAnswers });
    const [lead] = (await agent.api.get('/api/v1/leads')).body.leads;
    expect((await tech.api.get('/api/v1/leads')).status).toBe(403);
    expect((await agent.api.patch(`/api/v1/leads/${lead.id}`, { status: 'contacted' })).body.status).toBe('contacted');
    // the first contact is kept for the lead-source report; later changes do not move it
    const { leads } = await import('../../db/schema.js');
    const { eq } = await import('drizzle-orm');
    const firstContact = async () =>
      (await server.ctx.db.select().from(leads).where(eq(leads.id, lead.id)))[0]?.firstContactedAt;
    const contactedAt = await firstContact();
    expect(contactedAt).toBeInstanceOf(Date);
    const noReason = await agent.api.patch(`/api/v1/leads/${lead.id}`, { status: 'lost' });
    expect(noReason.status).toBe(400);
    const lost = await agent.api.patch(`/api/v1/leads/${lead.id}`, {
      status: 'lost',
      lostReason: 'Went with a competitor',
    });
    expect(lost.body).toMatchObject({ status: 'lost', lostReason: 'Went with a competitor' });
    expect(await firstContact()).toEqual(contactedAt);
    expect((await agent.api.get('/api/v1/leads?status=lost')).body.leads).toHaveLength(1);
    expect((await agent.api.get('/api/v1/leads?status=new')).body.leads).toHaveLength(0);
    expect((await agent.api.get('/api/v1/leads?q=kowal')).body.leads).toHaveLength(1);
    expect((await phone.get('/api/v1/guest/leads')).body.leads[0].status).toBe('lost');
  });

  it('e-mails the admins about a new lead and the customer about where their request stands', async () => {
    const { admin, formId, phone } = await setup();
    await phone.post('/api/v1/guest/leads', { formId, answers: goodAnswers });
    const [lead] = (await admin.api.get('/api/v1/leads')).body.leads;
    const changed = await admin.api.patch(`/api/v1/leads/${lead.id}`, { status: 'converted' });
    expect(changed.body.status).toBe('converted');
    const mails = async () =>
      (await admin.api.get('/api/v1/emails')).body.emails as { template: string; to: string; subject: string }[];
    await eventually(async () => (await mails()).filter((m) => m.template.startsWith('lead_')).length === 2);
    const sent = (await mails()).filter((m) => m.template.startsWith('lead_'));
    expect(sent.map((m) => [m.template, m.to, m.subject]).sort()).toEqual([
      ['lead_created', expect.stringContaining('@'), 'New request from Jan Kowalski: Boiler service'],
      ['lead_status_changed', 'jan@example.com', expect.stringContaining('Your request “Boiler service”')],
    ]);
  });

  it('never shows, accepts or changes anything across companies, nor for guests who are no customers', async () => {
    const a = await setup();
    const b = await setup();
    await a.phone.post('/api/v1/guest/leads', { formId: a.formId, answers: goodAnswers });
    const [leadOfA] = (await a.admin.api.get('/api/v1/leads')).body.leads;
    expect((await b.admin.api.get(`/api/v1/leads/${leadOfA.id}`)).status).toBe(404);
    expect((await b.admin.api.patch(`/api/v1/leads/${leadOfA.id}`, { status: 'contacted' })).status).toBe(404);
    expect((await b.admin.api.get('/api/v1/leads')).body.leads).toEqual([]);
    expect((await b.admin.api.get(`/api/v1/forms/${a.formId}`)).status).toBe(404);
    // B's customer cannot fill A's form, nor name A's label as the source
    expect((await b.phone.post('/api/v1/guest/leads', { formId: a.formId, answers: goodAnswers })).status).toBe(404);
    const sourced = await b.phone.post('/api/v1/guest/leads', {
      formId: b.formId,
      answers: goodAnswers,
      labelToken: a.token,
    });
    expect(sourced.status).toBe(201);
    const [leadOfB] = (await b.admin.api.get('/api/v1/leads')).body.leads;
    expect(leadOfB.source).toEqual({ labelId: null, labelCode: null, batchId: null, campaign: '' });
    expect((await b.phone.get('/api/v1/guest/leads')).body.leads).toHaveLength(1);

    // an anonymous visitor of a public entry is no customer
    const hotel = await makeOrg(server);
    const { organizations } = await import('../../db/schema.js');
    const { eq } = await import('drizzle-orm');
    await server.ctx.db.update(organizations).set({ publicEntryEnabled: true }).where(eq(organizations.id, hotel.id));
    const visitor = new ApiClient(server.url);
    await visitor.post(`/api/v1/guest/${hotel.slug}/visit`, { name: 'Walk-in', topic: 'Hello' });
    expect((await visitor.get('/api/v1/guest/forms')).status).toBe(403);
    expect((await visitor.post('/api/v1/guest/leads', { formId: a.formId, answers: goodAnswers })).status).toBe(403);
  });
});
