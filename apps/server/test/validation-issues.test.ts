import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './client.js';
import { makeOrg, makeStaff, signIn } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/**
 * A validation error says which field and why in terms a client can put in the user's language:
 * the zod issue code, and the bound or format when there is one (the web app words them itself).
 */
describe('validation issues', () => {
  it('name the field, the kind of problem and its bound', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const res = await admin.post('/api/v1/staff', { email: 'not-an-address', name: '', role: 'agent' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const issues = res.body.error.details.issues as Array<Record<string, unknown>>;
    expect(issues).toContainEqual(
      expect.objectContaining({ in: 'body', path: 'email', code: 'invalid_format', format: 'email' }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ in: 'body', path: 'name', code: 'too_small', minimum: 1, origin: 'string' }),
    );
  });

  it('point at the access code a guest typed', async () => {
    const org = await makeOrg(server);
    const res = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: 'AB' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toMatchObject({ in: 'body', path: 'code', code: 'invalid_format' });
  });
});
