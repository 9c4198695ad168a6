import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { clientEvents, errorCodes } from '@frontdesk/protocol';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, conversations, files, organizations, users, visitors } from '../../src/db/schema.js';
import { ApiClient, type ApiResponse } from '../client.js';
import { uniqueSuffix } from '../harness.js';
import { ask, connect } from '../sockets.js';
import { bodies, matrix, publicOps, type Row } from './rows.js';
import {
  type Actor,
  accountOf,
  actorRoles,
  type CaseRole,
  type CustomerRole,
  customerRoles,
  customersOfS,
  foreignActorIds,
  foreignTargets,
  freshActor,
  matrixGuest,
  orgA,
  orgAInitial,
  orgB,
  server,
  setUpWorld,
  shared,
  sharedS,
  signInGuest,
} from './setup.js';
import { orgAState, orgSState, secretsOf, secretsOfS } from './snapshots.js';
import { makeTarget, matrixPng, memberTargets } from './targets.js';

/** The stable code each refusal must carry. */
const refusalCodes: Record<number, string> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'cannot_modify_self',
};

/** What an allowed request for a QR code or printable answers with. */
const binaryKinds: Record<string, { type: string; magic: RegExp }> = {
  svg: { type: 'image/svg+xml', magic: /<svg[\s>]/ },
  // The client reads every body as text: the PNG signature's first byte (0x89) becomes U+FFFD.
  png: { type: 'image/png', magic: /^\uFFFDPNG/ },
  pdf: { type: 'application/pdf', magic: /^%PDF-/ },
};
const binaryOf = (path: string) => binaryKinds[/\.(\w+)$/.exec(path)?.[1] ?? ''];

/** The refusal's stable code; a row's own codes (such as already_taken) may carry details. */
function expectRefusal(body: unknown, status: number, codes: Row['codes'] = {}) {
  const own = codes[status];
  if (own) expect(body).toMatchObject({ error: { code: own, message: expect.any(String) } });
  else expect(body).toEqual({ error: { code: refusalCodes[status], message: expect.any(String) } });
  expect(errorCodes).toContain((body as { error: { code: string } }).error.code);
}

const isCustomerRole = (role: CaseRole): role is CustomerRole => (customerRoles as readonly string[]).includes(role);

const labelOf = (r: Row) =>
  [r.op, r.query && `?${r.query({ id: '{id}' })}`, r.target && `(target: ${r.target})`, r.note]
    .filter(Boolean)
    .join(' ');

/** How many shard files the matrix runs in: authorization-matrix-1.test.ts … authorization-matrix-<SHARDS>.test.ts. */
export const SHARDS = 4;

/**
 * One shard of the authorization matrix (the rows are in rows.ts): starts its own test server and
 * organizations (setup.ts), runs every case of the rows whose index modulo SHARDS is `shard - 1` (in
 * the rows' order), then checks that organization B's admins left A's data as it was in those cases.
 * Together the shard files run every row, and vitest's workers share them (a check in shard 1 fails
 * unless there is exactly one file per shard).
 */
export function defineMatrixSuite(shard: number) {
  if (!Number.isInteger(shard) || shard < 1 || shard > SHARDS) throw new Error(`no shard ${shard} of ${SHARDS}`);
  beforeAll(setUpWorld);
  afterAll(() => server?.close());
  const rows = matrix.filter((_, index) => index % SHARDS === shard - 1).map((r) => ({ ...r, label: labelOf(r) }));

  describe('authorization matrix', () => {
    describe.each(rows)('$label', (r) => {
      const cases: { role: CaseRole; expected: number }[] = [
        ...actorRoles.map((role) => ({ role, expected: r.expect[role] })),
        ...(r.customer ? customerRoles.map((role, i) => ({ role, expected: r.customer?.[i] ?? 0 })) : []),
      ];
      const runCase = async ({ role, expected }: (typeof cases)[number]) => {
        const customer = isCustomerRole(role);
        const actor = customer
          ? customersOfS[role]
          : r.fresh
            ? await freshActor(role, r.org)
            : (r.org ? sharedS : shared)[role];
        const [method = '', template = ''] = r.op.split(' ');
        const ids = r.target ? await makeTarget(r.target, actor) : {};
        const path =
          template.replace(/\{(\w+)\}/g, (whole, name: string) => ids[name] ?? whole) +
          (r.query ? `?${r.query(ids)}` : '');
        const makeBody = r.body ?? bodies[r.op];
        const body = makeBody?.({ role, suffix: uniqueSuffix(), ids });
        const foreign = role === 'otherOrgAdmin' || role === 'otherCustomer';
        const targetBefore =
          foreign && ids.id && r.target && memberTargets.has(r.target)
            ? (await server.ctx.db.select().from(users).where(eq(users.id, ids.id)))[0]
            : undefined;
        const before = r.org ? await orgSState() : await orgAState();
        const after = () => (r.org ? orgSState() : orgAState());

        const res = r.image
          ? await actor.client.request(method, path, undefined, {
              raw: await matrixPng(),
              headers: { 'content-type': 'image/png' },
            })
          : await actor.client.request(method, path, body);

        expect(res.status, `${role} ${method} ${path}: ${JSON.stringify(res.body).slice(0, 400)}`).toBe(expected);
        const binary = binaryOf(template);
        if (expected >= 400) expectRefusal(res.body, expected, r.codes);
        else {
          if (binary) {
            expect(res.headers.get('content-type')).toContain(binary.type);
            expect(String(res.body)).toMatch(binary.magic);
          }
          if (customer) await r.customerCheck?.(res, role, { ids, actor });
          else r.check?.(res, role, { ids, actor });
        }
        // A refused request changes nothing; the other organization's admin changes nothing of A's even when
        // the request itself is allowed (it then acts on their own organization).
        if (expected >= 400 || foreign) expect(await after()).toEqual(before);
        if (foreign) {
          const seen = JSON.stringify(res.body ?? '');
          const secrets = 'customers' in before ? secretsOfS(before) : secretsOf(before);
          for (const secret of secrets) {
            expect(seen, `organization B's admin saw data of A in ${method} ${path}`).not.toContain(secret);
          }
          if (ids.id && targetBefore)
            foreignTargets.push({ label: `${method} ${path}`, id: ids.id, before: targetBefore });
        }
      };
      it.each(cases)('$role → $expected', runCase);
    });

    it("left organization A's data as it was wherever organization B's admin was refused", async () => {
      expect(foreignTargets.length, 'run the whole shard file: this check relies on its matrix cases').toBeGreaterThan(
        0,
      );
      const { db } = server.ctx;
      for (const { label, id, before } of foreignTargets) {
        const [now] = await db.select().from(users).where(eq(users.id, id));
        expect(now, `after ${label}`).toEqual(before);
      }
      const [org] = await db.select().from(organizations).where(eq(organizations.id, orgA.id));
      // Only A's own admin edited the motto, the logo and the default team; the super admin re-set the same seat limit.
      const settled = ({
        motto: _motto,
        logoFileId: _logoFileId,
        logoUrl: _logoUrl,
        defaultTeamId: _defaultTeamId,
        updatedAt: _updatedAt,
        ...rest
      }: typeof orgAInitial) => rest;
      expect(org && settled(org)).toEqual(settled(orgAInitial));
      expect([orgAInitial.motto, 'Edited by admin']).toContain(org?.motto);
      const imagesOfA = await db.select().from(files).where(eq(files.orgId, orgA.id));
      for (const image of imagesOfA) expect(foreignActorIds.has(image.createdBy ?? '')).toBe(false);
      if (org?.logoFileId) {
        const [logo] = await db.select().from(files).where(eq(files.id, org.logoFileId));
        expect(logo?.createdBy).toBe(accountOf('admin').id);
      }
      const foreignAudit = await db
        .select()
        .from(auditLog)
        .where(eq(auditLog.orgId, orgA.id))
        .then((entries) => entries.filter((e) => e.actorId && foreignActorIds.has(e.actorId)));
      expect(foreignAudit).toEqual([]);
    });
  });
}

/**
 * The checks that run once, in one shard file after its defineMatrixSuite (they use its server and
 * accounts): those over all the rows (the customer columns, OpenAPI completeness, API-key scopes) and
 * the ones that are not rows of the matrix (the public guest endpoints, rating once, token prefixes).
 */
export function defineChecksThatRunOnce() {
  describe('authorization matrix', () => {
    it('states what a verified customer of S and one of another company get on every guest route of S', () => {
      const missing = matrix.filter((r) => r.org === 'service' && r.op.includes(' /api/v1/guest/') && !r.customer);
      expect(missing.map(labelOf)).toEqual([]);
    });
  });

  describe('the public guest endpoints never cross organizations', () => {
    it("A's access code does not sign in at B's slug; B's public page and visitor chat show nothing of A", async () => {
      const { db } = server.ctx;
      const before = await orgAState();
      // A may have visitors of its own (the matrix's `visitorOfA` rows of this shard): B's visitor must not become one more
      const visitorsOfA = async () =>
        (await db.select({ n: count() }).from(visitors).where(eq(visitors.orgId, orgA.id)))[0]?.n;
      const visitorsBefore = await visitorsOfA();
      const phone = new ApiClient(server.url);
      const answers: ApiResponse[] = [];

      // A's code at B's login is unknown there: from a new phone, and from A's own signed-in guests alike.
      for (const client of [phone, shared.guest.client, shared.guestBearer.client]) {
        const login = await client.post(`/api/v1/guest/${orgB.slug}/login`, { code: matrixGuest.code });
        expect(login.status).toBe(401);
        expect(login.body.error.code).toBe('code_unknown');
        answers.push(login);
      }
      expect(phone.cookies.has('fd_guest'), 'no guest session from a refused login').toBe(false);

      const page = await phone.get(`/api/v1/public/organizations/${orgB.slug}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ slug: orgB.slug, name: orgB.name, publicEntryEnabled: false });
      answers.push(page);

      const visitor = { name: 'Walk-in', topic: 'Do you have a room tonight?' };
      const refused = await phone.post(`/api/v1/guest/${orgB.slug}/visit`, visitor);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('public_entry_disabled');
      answers.push(refused);

      // With B's public entry on, a visitor gets a session in B, and only in B.
      await db.update(organizations).set({ publicEntryEnabled: true }).where(eq(organizations.id, orgB.id));
      const visit = await phone.post(`/api/v1/guest/${orgB.slug}/visit`, visitor);
      expect(visit.status).toBe(200);
      expect(visit.body.session).toMatchObject({ kind: 'visitor', organization: { slug: orgB.slug }, stay: null });
      const session = await phone.get('/api/v1/guest/session');
      expect(session.body).toMatchObject({ kind: 'visitor', organization: { slug: orgB.slug } });
      answers.push(visit, session);

      const secrets = [...secretsOf(before), orgA.name];
      for (const res of answers) {
        const seen = JSON.stringify(res.body);
        for (const secret of secrets) expect(seen, `a public answer about B showed data of A`).not.toContain(secret);
      }
      expect(await orgAState()).toEqual(before);
      expect(await visitorsOfA()).toBe(visitorsBefore);
      // A's guests are still signed in, to A and to their own stays.
      for (const guest of [shared.guest, shared.guestBearer]) {
        const own = await guest.client.get('/api/v1/guest/session');
        expect(own.status).toBe(200);
        expect(own.body).toMatchObject({ kind: 'guest', organization: { slug: orgA.slug } });
      }
      expect((await shared.guest.client.get('/api/v1/guest/session')).body.stay.id).toBe(matrixGuest.stayId);
    });
  });

  describe('a guest rates their own request once, after it is resolved', () => {
    it('refuses a rating before resolve and a second one after, keeping the first; nobody else rates it', async () => {
      const { db } = server.ctx;
      // The request starts the real way: the guest's first message over the socket.
      const guest = await signInGuest('bearer');
      const socket = await connect(server.url, { token: guest.client.token });
      let id: string;
      try {
        const sent = await ask(socket, clientEvents.send, {
          text: 'Two more towels, please',
          clientId: uniqueSuffix(),
        });
        expect(sent.ok, JSON.stringify(sent)).toBe(true);
        expect(sent.data.conversation.status).toBe('queued');
        id = sent.data.conversation.id;
      } finally {
        socket.close();
      }
      const rate = (actor: Actor, body: unknown) => actor.client.post(`/api/v1/guest/conversations/${id}/rating`, body);

      const early = await rate(guest, { rating: 5 });
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('not_resolved');

      // the admin: if this shard's matrix rows have given A a default team, the request went to it and the agent is not in it
      expect((await shared.admin.client.post(`/api/v1/conversations/${id}/resolve`)).status).toBe(200);
      const first = await rate(guest, { rating: 5, comment: 'Quick, thanks!' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id, status: 'resolved', rating: 5, ratingComment: 'Quick, thanks!' });

      const again = await rate(guest, { rating: 1, comment: 'Changed my mind' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('already_rated');
      // Another guest of A (the matrix's cookie guest) does not even see it.
      const stranger = await rate(shared.guest, { rating: 1 });
      expect(stranger.status).toBe(404);
      expect(stranger.body.error.code).toBe('not_found');

      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      expect(row).toMatchObject({ rating: 5, ratingComment: 'Quick, thanks!' });
      const seen = await shared.admin.client.get(`/api/v1/conversations/${id}`);
      expect(seen.body).toMatchObject({ rating: 5, ratingComment: 'Quick, thanks!' });
    });
  });

  describe('staff and guest tokens are never mistaken for each other', () => {
    // Bearer tokens are routed by prefix (g_ guest, s_ staff). Unprefixed random staff tokens once
    // started with "g_" about one login in 4,096 and were then taken for guest tokens.
    it('staff tokens carry their own prefix, guest tokens theirs, and each works only on its side', async () => {
      const agent = shared.agent.user;
      if (!agent) throw new Error('no agent');
      const staffTokens = await Promise.all(
        Array.from(
          { length: 5 },
          async () => (await new ApiClient(server.url).login(agent.email, agent.password)).body.token as string,
        ),
      );
      for (const token of staffTokens) expect(token).toMatch(/^s_/);
      const staffApi = new ApiClient(server.url);
      staffApi.token = staffTokens[0] ?? '';
      expect((await staffApi.get('/api/v1/auth/me')).status).toBe(200);
      expect((await staffApi.get('/api/v1/guest/session')).status).toBe(401);
    });
  });

  describe('the matrix stays complete', () => {
    it('runs in one shard file per shard, each running its own shard', async () => {
      const dir = fileURLToPath(new URL('..', import.meta.url));
      const files = (await readdir(dir)).filter((name) => /^authorization-matrix-\d+\.test\.ts$/.test(name)).sort();
      const expected = Array.from({ length: SHARDS }, (_, i) => `authorization-matrix-${i + 1}.test.ts`).sort();
      expect(files).toEqual(expected);
      for (const [i, name] of expected.entries()) {
        const text = await readFile(`${dir}/${name}`, 'utf8');
        expect(text, name).toContain(`defineMatrixSuite(${i + 1})`);
      }
    });

    it('has a row for every operation in the OpenAPI document (public ones aside), and no stale rows', async () => {
      const res = await new ApiClient(server.url).get('/api/openapi.json');
      expect(res.status).toBe(200);
      const documented = new Set<string>();
      for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
        for (const method of Object.keys(item)) {
          if (['get', 'put', 'post', 'patch', 'delete', 'head', 'options'].includes(method)) {
            documented.add(`${method.toUpperCase()} ${path}`);
          }
        }
      }
      const covered = new Set(matrix.map((r) => r.op));
      const missing = [...documented].filter((op) => !covered.has(op) && !publicOps.has(op));
      const stale = [...covered].filter((op) => !documented.has(op));
      expect(missing, 'add these operations to the authorization matrix').toEqual([]);
      expect(stale, 'these matrix rows name operations the API no longer has').toEqual([]);
      for (const op of publicOps) expect(documented).toContain(op);
    });

    it('shows an API-key scope in the OpenAPI document on exactly the routes whose rows let keys in', async () => {
      const res = await new ApiClient(server.url).get('/api/openapi.json');
      const withScope = new Set<string>();
      for (const [path, item] of Object.entries(
        res.body.paths as Record<string, Record<string, { security?: Record<string, string[]>[] }>>,
      )) {
        for (const [method, op] of Object.entries(item)) {
          const key = op.security?.find((s) => 'apiKeyAuth' in s);
          if (key) {
            expect(key.apiKeyAuth, `${method} ${path}`).toHaveLength(1);
            withScope.add(`${method.toUpperCase()} ${path}`);
          }
        }
      }
      const opened = new Set(matrix.filter((r) => r.apiKey !== undefined).map((r) => r.op));
      expect([...withScope].sort()).toEqual([...opened].sort());
    });
  });
}
