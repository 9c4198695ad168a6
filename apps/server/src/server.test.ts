import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/client.js';
import { freshInstallation, startTestServer } from '../test/harness.js';
import { DEMO_PASSWORD } from './modules/demo/index.js';

describe('first start', () => {
  let installation: Awaited<ReturnType<typeof freshInstallation>>;
  beforeAll(async () => {
    installation = await freshInstallation();
  });
  afterAll(() => installation?.drop());

  it('creates the demo hotel once, keeps data across a restart, and never seeds twice', async () => {
    const first = await startTestServer({}, { ...installation.env, FRONTDESK_DEMO: '1' });
    expect(first.banner).toMatch(/Hotel Aurora/);
    expect(first.banner).toContain('admin@aurora.example');
    expect(first.banner).toContain(DEMO_PASSWORD);

    const admin = new ApiClient(first.url);
    const login = await admin.login('admin@aurora.example', DEMO_PASSWORD);
    expect(login.status).toBe(200);
    expect(login.body.user.organization).toMatchObject({ name: 'Hotel Aurora', timezone: 'Europe/Warsaw' });
    const staff = await admin.get('/api/v1/staff');
    expect(staff.body.map((s: { role: string }) => s.role).sort()).toEqual(['admin', 'agent', 'agent']);
    await admin.patch('/api/v1/organization', { motto: 'Changed before restart' });
    const owner = await new ApiClient(first.url).login('owner@frontdesk.example', DEMO_PASSWORD);
    expect(owner.body.user.superadmin).toBe(true);

    // beside the hotel, a service company whose field technician finds the customers they labelled
    expect(first.banner).toContain('Nord Heat');
    expect(first.banner).toContain('tech@nordheat.example');
    const tech = new ApiClient(first.url);
    const techLogin = await tech.login('tech@nordheat.example', DEMO_PASSWORD);
    expect(techLogin.body.user.organization).toMatchObject({ name: 'Nord Heat', kind: 'service' });
    expect(techLogin.body.user.abilities).toMatchObject({ customers: true, stays: false });
    expect((await tech.get('/api/v1/customers')).body.customers).toHaveLength(8);
    expect((await tech.get('/api/v1/customers?mine=true')).body.customers).toHaveLength(3);
    const fields = await tech.get('/api/v1/customer-fields');
    expect(fields.body.fields.map((f: { key: string }) => f.key)).toEqual(['boiler_model', 'fuel', 'contract_until']);
    const found = await tech.get('/api/v1/customers?q=601%20234');
    expect(found.body.customers[0]).toMatchObject({ name: 'Jan Kowalski', fields: { fuel: 'gas' } });
    // its dispatcher works the requests sent with its published "Boiler service" form
    const dispatch = new ApiClient(first.url);
    const dispatchLogin = await dispatch.login('dispatch@nordheat.example', DEMO_PASSWORD);
    expect(dispatchLogin.body.user.abilities).toMatchObject({ leads: true, manageForms: false });
    const forms = (await dispatch.get('/api/v1/forms')).body.forms;
    expect(forms).toMatchObject([{ name: 'Boiler service', publishedVersion: 1, changedSincePublished: false }]);
    const leads = (await dispatch.get('/api/v1/leads')).body.leads;
    expect(leads.map((l: { status: string }) => l.status).sort()).toEqual(['contacted', 'new']);
    expect((await dispatch.get(`/api/v1/leads/${leads[0].id}`)).status).toBe(200);
    await first.close();

    const second = await startTestServer({}, { ...installation.env, FRONTDESK_DEMO: '1' });
    expect(second.banner).toBeNull();
    const again = new ApiClient(second.url);
    expect((await again.login('admin@aurora.example', DEMO_PASSWORD)).status).toBe(200);
    expect((await again.get('/api/v1/organization')).body.motto).toBe('Changed before restart');
    await second.close();
  });
});

describe('start without demo, with a configured super admin', () => {
  it('starts empty and creates the super admin from the environment', async () => {
    const installation = await freshInstallation();
    try {
      const server = await startTestServer(
        {},
        {
          ...installation.env,
          FRONTDESK_DEMO: '0',
          FRONTDESK_ADMIN_EMAIL: 'Root@Example.test',
          FRONTDESK_ADMIN_PASSWORD: 'root-password-1',
        },
      );
      expect(server.banner).toBeNull();
      const owner = new ApiClient(server.url);
      expect((await owner.login('root@example.test', 'root-password-1')).body.user.superadmin).toBe(true);
      expect((await owner.get('/api/v1/platform/organizations')).body).toEqual([]);
      await server.close();
    } finally {
      await installation.drop();
    }
  });
});

describe('operations endpoints', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('reports liveness, and readiness of the database and Redis each on its own', async () => {
    const client = new ApiClient(server.url);
    expect((await client.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ok',
      database: { kind: server.database.kind, status: 'ok' },
      redis: process.env.REDIS_URL ? 'ok' : 'not_configured',
    });
  });

  it('exposes Prometheus metrics, including request durations by route', async () => {
    const client = new ApiClient(server.url);
    await client.get('/api/v1/auth/me');
    const metrics = await client.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    expect(metrics.body).toContain('frontdesk_process_cpu_user_seconds_total');
    expect(metrics.body).toMatch(
      /frontdesk_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/auth\/me",status="401"\} \d+/,
    );
  });

  it('publishes an OpenAPI 3.1 document of the REST API and a docs page', async () => {
    const client = new ApiClient(server.url);
    const doc = await client.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/staff',
        '/api/v1/staff/{id}',
        '/api/v1/platform/organizations',
      ]),
    );
    expect(
      doc.body.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('email');
    expect(doc.body.components.schemas).toHaveProperty('Error');
    const docs = await fetch(`${server.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
  });

  it('answers unknown routes and malformed JSON with the standard error shape', async () => {
    const client = new ApiClient(server.url);
    const missing = await client.get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const malformed = await client.post('/api/v1/auth/login', undefined, { raw: '{"email":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: { code: 'malformed_json', message: expect.any(String) } });
  });
});
