/**
 * Fills a fresh Frontdesk installation the way its users would, through the REST API: the platform
 * owner creates a hotel, its admin sets a password and adds agents, rooms are bulk-created, guests
 * are checked in (one stay per room) and then sign in with their access codes.
 */
import { randomBytes } from 'node:crypto';

export interface Credentials {
  email: string;
  password: string;
}

export interface FrontdeskPopulation {
  slug: string;
  orgId: string;
  agentTokens: string[];
  guestTokens: string[];
  timings: Record<string, { count: number; ms: number }>;
}

class HttpError extends Error {}

async function call<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new HttpError(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    } catch (err) {
      // an HTTP error answer is final; a dropped connection under load is worth another try
      if (err instanceof HttpError || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** Runs `work` for 0…count-1 with at most `concurrency` at once; results in index order. */
export async function inParallel<T>(count: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await work(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

async function timed<T>(
  timings: FrontdeskPopulation['timings'],
  name: string,
  count: number,
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const result = await work();
  timings[name] = { count, ms: performance.now() - started };
  return result;
}

async function login(base: string, who: Credentials): Promise<string> {
  return (await call<{ token: string }>(base, 'POST', '/api/v1/auth/login', who)).token;
}

async function setPassword(base: string, setPasswordUrl: string, password: string): Promise<void> {
  const token = new URL(setPasswordUrl).searchParams.get('token');
  await call(base, 'POST', '/api/v1/auth/set-password', { token, password });
}

/**
 * Creates the hotel with `agents` agents and `guests` checked-in guests, and signs everyone in.
 * Guest sign-ins are spread over `nodes` (any node answers any request).
 */
export async function populate(
  nodes: string[],
  owner: Credentials,
  counts: { agents: number; guests: number; assign?: 'round_robin' | 'least_busy' | 'manual' },
  log: (line: string) => void,
): Promise<FrontdeskPopulation> {
  const base = nodes[0] ?? '';
  const timings: FrontdeskPopulation['timings'] = {};
  const suffix = randomBytes(4).toString('hex');
  const password = `bench-${randomBytes(8).toString('hex')}`;
  const ownerToken = await login(base, owner);

  const created = await call<{ organization: { id: string; slug: string }; invite: { setPasswordUrl: string } }>(
    base,
    'POST',
    '/api/v1/platform/organizations',
    {
      name: `Bench Hotel ${suffix}`,
      slug: `bench-${suffix}`,
      timezone: 'UTC',
      plan: 'business',
      admin: { email: `admin-${suffix}@bench.example`, name: 'Bench Admin' },
    },
    ownerToken,
  );
  const { id: orgId, slug } = created.organization;
  if (counts.agents + 1 > 100) {
    await call(base, 'PATCH', `/api/v1/platform/organizations/${orgId}`, { seatLimit: counts.agents + 1 }, ownerToken);
  }
  await setPassword(base, created.invite.setPasswordUrl, password);
  const adminToken = await login(base, { email: `admin-${suffix}@bench.example`, password });

  const agentIds: string[] = [];
  const agentTokens = await timed(timings, 'agents', counts.agents, () =>
    inParallel(counts.agents, 4, async (i) => {
      const email = `agent-${i}-${suffix}@bench.example`;
      const added = await call<{ staff: { id: string }; invite: { setPasswordUrl: string } }>(
        base,
        'POST',
        '/api/v1/staff',
        { email, name: `Agent ${i + 1}`, role: 'agent' },
        adminToken,
      );
      await setPassword(base, added.invite.setPasswordUrl, password);
      agentIds[i] = added.staff.id;
      return login(nodes[i % nodes.length] ?? base, { email, password });
    }),
  );
  log(`  ${counts.agents} agents signed in`);
  if (counts.assign) {
    // one team takes every request (the default team), with room for every guest's request
    const team = await call<{ id: string }>(
      base,
      'POST',
      '/api/v1/teams',
      { name: 'Reception', assignmentMode: counts.assign },
      adminToken,
    );
    const capacity = Math.min(50, Math.ceil(counts.guests / counts.agents) + 1);
    await inParallel(agentIds.length, 4, (i) =>
      call(base, 'PUT', `/api/v1/teams/${team.id}/members/${agentIds[i]}`, { capacity }, adminToken),
    );
    await call(base, 'PUT', '/api/v1/routing-rules/default-team', { teamId: team.id }, adminToken);
    log(`  every request goes to the team Reception, assigned ${counts.assign} (capacity ${capacity} each)`);
  }

  const roomIds = await timed(timings, 'rooms', counts.guests, async () => {
    const ids: string[] = [];
    for (let from = 1; from <= counts.guests; from += 500) {
      const to = Math.min(counts.guests, from + 499);
      const res = await call<{ created: { id: string; number: string }[] }>(
        base,
        'POST',
        '/api/v1/rooms/bulk',
        { range: `${from}-${to}` },
        adminToken,
      );
      ids.push(...res.created.sort((a, b) => Number(a.number) - Number(b.number)).map((r) => r.id));
    }
    return ids;
  });

  const checkOutAt = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
  let done = 0;
  const codes = await timed(timings, 'stays', counts.guests, () =>
    inParallel(roomIds.length, 16, async (i) => {
      const stay = await call<{ guests: { code: string }[] }>(
        nodes[i % nodes.length] ?? base,
        'POST',
        '/api/v1/stays',
        { roomId: roomIds[i], checkOutAt, guest: { name: `Guest ${i + 1}` } },
        adminToken,
      );
      if (++done % 2000 === 0) log(`  ${done} guests checked in`);
      return stay.guests[0]?.code ?? '';
    }),
  );
  log(
    `  ${codes.length} guests checked in (${rate(timings.stays)}/s); signing them in with their codes (POST /api/v1/guest/${slug}/login)`,
  );

  const guestTokens = await timed(timings, 'guestLogins', counts.guests, () =>
    inParallel(codes.length, 16, async (i) => {
      const res = await call<{ token: string }>(
        nodes[i % nodes.length] ?? base,
        'POST',
        `/api/v1/guest/${slug}/login`,
        {
          code: codes[i],
        },
      );
      return res.token;
    }),
  );
  log(`  ${guestTokens.length} guests signed in (${rate(timings.guestLogins)}/s)`);
  return { slug, orgId, agentTokens, guestTokens, timings };
}

export const rate = (t: { count: number; ms: number } | undefined) =>
  t && t.ms > 0 ? Math.round((t.count / t.ms) * 1000) : 0;
