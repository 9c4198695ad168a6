import { and, asc, eq, getTableColumns, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { customers, users } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { decodePageCursor, encodePageCursor } from '../../platform/page-cursor.js';
import { emailKeys, phoneKey, phoneKeys } from './keys.js';
import type { CustomerChanges, CustomerRow, CustomerStore, NewCustomer } from './store.js';

const live = (orgId: string) => and(eq(customers.orgId, orgId), isNull(customers.archivedAt));
const withAuthor = { ...getTableColumns(customers), createdByName: users.name };

/** LIKE's own characters taken literally. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A page position: the last row's lower-cased name and id, opaque to clients. */
const encodeAfter = (row: CustomerRow) => encodePageCursor([row.name.toLowerCase(), row.id]);
function decodeAfter(after: string): [string, string] {
  const place = decodePageCursor(after, 2);
  if (!place) throw new AppError('validation_failed', 'That page position is not one this server gave');
  return place as [string, string];
}

/** What a search matches: names, company, e-mails, phones (by their digits), street and postcode. */
function matching(q: string): SQL {
  const text = `%${likeEscaped(q.toLowerCase())}%`;
  const digits = q.replace(/\D/g, '');
  const conditions = [
    sql`lower(${customers.name}) like ${text}`,
    sql`lower(${customers.companyName}) like ${text}`,
    sql`array_to_string(${customers.emailKeys}, ' ') like ${text}`,
    sql`lower(coalesce(${customers.serviceAddress}->>'line1', '')) like ${text}`,
    sql`lower(coalesce(${customers.serviceAddress}->>'postcode', '')) like ${text}`,
  ];
  if (digits.length >= 3)
    conditions.push(sql`array_to_string(${customers.phoneKeys}, ' ') like ${`%${phoneKey(digits)}%`}`);
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/** The built-in CRM: customers in our own tables. */
export const builtinStore: CustomerStore = {
  async list(db, orgId, { q, createdBy, limit, after }) {
    const position = after ? decodeAfter(after) : null;
    const rows = await db
      .select(withAuthor)
      .from(customers)
      .leftJoin(users, eq(users.id, customers.createdBy))
      .where(
        and(
          live(orgId),
          q ? matching(q) : undefined,
          createdBy ? eq(customers.createdBy, createdBy) : undefined,
          position
            ? sql`(lower(${customers.name}), ${customers.id}) > (${position[0]}, ${position[1]}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(sql`lower(${customers.name})`), asc(customers.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { rows: page, next: rows.length > limit && last ? encodeAfter(last) : null };
  },

  async get(db, orgId, id) {
    const [row] = await db
      .select(withAuthor)
      .from(customers)
      .leftJoin(users, eq(users.id, customers.createdBy))
      .where(and(live(orgId), eq(customers.id, id)));
    return row ?? null;
  },

  async lock(db, orgId, id) {
    const [row] = await db
      .select()
      .from(customers)
      .where(and(live(orgId), eq(customers.id, id)))
      .for('update');
    return row ?? null;
  },

  async insert(db, orgId, customer: NewCustomer) {
    const [row] = await db
      .insert(customers)
      .values({
        ...customer,
        orgId,
        phoneKeys: phoneKeys(customer.phones ?? []),
        emailKeys: emailKeys(customer.emails ?? []),
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  },

  async update(db, orgId, id, changes: CustomerChanges) {
    const [row] = await db
      .update(customers)
      .set({
        ...changes,
        ...(changes.phones ? { phoneKeys: phoneKeys(changes.phones) } : {}),
        ...(changes.emails ? { emailKeys: emailKeys(changes.emails) } : {}),
        updatedAt: new Date(),
      })
      .where(and(live(orgId), eq(customers.id, id)))
      .returning();
    if (!row) throw new Error('update found nothing');
    return row;
  },

  async archive(db, orgId, id) {
    await db
      .update(customers)
      .set({ archivedAt: new Date(), updatedAt: new Date() })
      .where(and(live(orgId), eq(customers.id, id)));
  },

  async duplicates(db, orgId, { phones, emails, except }) {
    const byPhone = phoneKeys(phones).filter((k) => k.length >= 6);
    const byEmail = emailKeys(emails);
    if (!byPhone.length && !byEmail.length) return [];
    const textArray = (values: string[]) =>
      sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;
    const phoneHit = byPhone.length ? sql`${customers.phoneKeys} && ${textArray(byPhone)}` : sql`false`;
    const emailHit = byEmail.length ? sql`${customers.emailKeys} && ${textArray(byEmail)}` : sql`false`;
    const rows = await db
      .select({
        id: customers.id,
        name: customers.name,
        companyName: customers.companyName,
        phone: sql<boolean>`${phoneHit}`,
        email: sql<boolean>`${emailHit}`,
      })
      .from(customers)
      .where(and(live(orgId), except ? ne(customers.id, except) : undefined, sql`(${phoneHit} or ${emailHit})`))
      .orderBy(asc(customers.name))
      .limit(10);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      companyName: r.companyName,
      matched: [...(r.phone ? (['phone'] as const) : []), ...(r.email ? (['email'] as const) : [])],
    }));
  },
};
