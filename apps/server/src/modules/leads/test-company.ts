import { expect } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import type { TestServer } from '../../../test/harness.js';

// A service company for the leads tests: staff signed in with tokens, and a customer who sent requests.

export async function desk(server: TestServer, org: TestOrg, role: 'admin' | 'agent' | 'field', name: string) {
  const user = await makeStaff(server, org, role, { name });
  return { id: user.id, api: await signInWithToken(server, user) };
}

const form = (name: string) => ({
  name,
  draft: { steps: [{ title: 'What', fields: [{ key: 'what', type: 'short_text', label: 'What', required: true }] }] },
});

/** A company whose customer, verified at their label, sent a request with each of its two forms (or `requests` of them). */
export async function companyWithRequests(server: TestServer, requests = 2) {
  const org = await makeOrg(server, { kind: 'service' });
  const admin = await desk(server, org, 'admin', 'Ada');
  const forms: string[] = [];
  for (const name of ['Boiler service', 'Emergency repair']) {
    const made = await admin.api.post('/api/v1/forms', form(name));
    await admin.api.post(`/api/v1/forms/${made.body.id}/publish`);
    forms.push(made.body.id);
  }
  const customer = (await admin.api.post('/api/v1/customers', { name: 'Jan', phones: ['601 234 567'] })).body.customer;
  const batch = await admin.api.post('/api/v1/label-batches', { name: 'Winter', size: 1 });
  const [label] = (await admin.api.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels;
  await admin.api.post(`/api/v1/labels/${label.id}/assign`, { customerId: customer.id });
  const phone = new ApiClient(server.url);
  const token = label.url.split('/l/')[1];
  expect(
    (await phone.post(`/api/v1/guest/labels/${token}/verify`, { kind: 'phone_last4', answer: '4567' })).status,
  ).toBe(200);
  const sent = [];
  for (const formId of forms.slice(0, requests)) {
    const res = await phone.post('/api/v1/guest/leads', { formId, answers: { what: 'It leaks' } });
    expect(res.status).toBe(201);
    sent.push(res.body);
  }
  return { org, admin, customer, sent, forms, phone };
}
