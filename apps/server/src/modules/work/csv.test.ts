import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeStaff, signInWithToken } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { organizations } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('the work items list as CSV', () => {
  it('a row per item the caller sees, due times on the organization’s clock, formula-safe', async () => {
    const org = await makeOrg(server);
    await server.ctx.db.update(organizations).set({ timezone: 'America/New_York' }).where(eq(organizations.id, org.id));
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin', { name: 'Ada Admin' }));
    // 23:30 in New York on 30 November is 04:30 UTC on 1 December
    const made = await admin.post('/api/v1/work-items', { title: '=Towels, "two"', dueAt: '2026-12-01T04:30:00.000Z' });
    expect(made.status).toBe(201);
    const res = await fetch(`${server.url}/api/v1/work-items.csv`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="work-items.csv"');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe(
      'Work item,Kind,Title,Status,Priority,Assigned to,Team,Room,Address,Due (America/New_York),Window start (America/New_York),Window end (America/New_York),Checklist done,Checklist total,Overdue,Created (America/New_York),Done (America/New_York)',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^${made.body.id},task,"'=Towels, ""two""",open,normal,,,,,2026-11-30 23:30,,,0,0,(yes|no),\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d,$`,
      ),
    );
    expect(lines.slice(2)).toEqual(['']);
    // another organization's admin: only the header
    const other = await makeOrg(server);
    const stranger = await signInWithToken(server, await makeStaff(server, other, 'admin'));
    const theirs = await fetch(`${server.url}/api/v1/work-items.csv`, {
      headers: { authorization: `Bearer ${stranger.token}` },
    });
    expect((await theirs.text()).split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});
