import { plans } from '@frontdesk/protocol';
import { count } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import {
  customerFields,
  customers,
  leads,
  organizations,
  quickActions,
  requestForms,
  requestFormVersions,
  rooms,
  teams,
  users,
} from '../../db/schema.js';
import { hashPassword } from '../auth/index.js';
import { boilerServiceForm } from './boiler-form.js';

export const DEMO_PASSWORD = 'aurora-demo-2026';

export const demoAccounts = [
  { email: 'admin@aurora.example', name: 'Anna Kowalska', role: 'admin', motto: 'Your stay, our care.' },
  { email: 'reception1@aurora.example', name: 'Piotr Nowak', role: 'agent', motto: 'Happy to help, day and night.' },
  { email: 'reception2@aurora.example', name: 'Maria Wiśniewska', role: 'agent', motto: 'Ask me about Warsaw!' },
] as const;

/** The demo service company: a heating firm whose customers have stickers on their boilers. */
export const demoServiceAccounts = [
  { email: 'admin@nordheat.example', name: 'Karolina Zając', role: 'admin', motto: 'Warm homes, all winter.' },
  { email: 'dispatch@nordheat.example', name: 'Tomasz Lewandowski', role: 'agent', motto: 'I book your visit.' },
  { email: 'tech@nordheat.example', name: 'Michał Wójcik', role: 'field', motto: 'Boilers are my thing.' },
] as const;

const demoCustomers = [
  [
    'Jan Kowalski',
    '',
    'ul. Długa 5',
    '80-827',
    'Gdańsk',
    '+48 601 234 567',
    'jan.kowalski@example.com',
    'Vaillant ecoTEC plus',
    'gas',
  ],
  [
    'Ewa Lis',
    '',
    'ul. Polna 12',
    '81-001',
    'Gdynia',
    '+48 602 111 222',
    'ewa.lis@example.com',
    'Viessmann Vitodens 100',
    'gas',
  ],
  [
    'Piekarnia Złoty Kłos',
    'Złoty Kłos Sp. z o.o.',
    'ul. Piekarska 3',
    '80-001',
    'Gdańsk',
    '+48 58 555 01 02',
    'biuro@zlotyklos.example',
    'Buderus Logamax',
    'gas',
  ],
  [
    'Adam Nowicki',
    '',
    'ul. Leśna 44',
    '83-000',
    'Pruszcz Gdański',
    '+48 603 987 654',
    'adam.n@example.com',
    'Daikin Altherma 3',
    'heat pump',
  ],
  [
    'Hotel Morski',
    'Morski Hospitality S.A.',
    'al. Grunwaldzka 80',
    '80-244',
    'Gdańsk',
    '+48 58 600 70 80',
    'technika@morski.example',
    'Wolf CGB-2',
    'gas',
  ],
  [
    'Barbara Mazur',
    '',
    'ul. Sosnowa 9',
    '81-502',
    'Gdynia',
    '+48 604 333 444',
    'b.mazur@example.com',
    'De Dietrich GTU',
    'oil',
  ],
  [
    'Krzysztof Wróbel',
    '',
    'ul. Krótka 1',
    '80-830',
    'Gdańsk',
    '+48 605 555 666',
    'k.wrobel@example.com',
    'Vaillant ecoTEC pro',
    'gas',
  ],
  [
    'Szkoła Podstawowa nr 7',
    'Gmina Sopot',
    'ul. Szkolna 7',
    '81-701',
    'Sopot',
    '+48 58 551 22 33',
    'sp7@sopot.example',
    'Viessmann Vitocrossal',
    'gas',
  ],
] as const;

export const demoSuperadmin = { email: 'owner@frontdesk.example', name: 'Platform owner' };

/**
 * On a brand-new installation (no organizations, no users) creates the demo hotel, its staff and
 * rooms 101–120, plus a platform owner account when none is configured. Returns false when the
 * installation already has data, so restarts never touch it.
 */
export async function seedDemo(db: Db, opts: { withSuperadmin: boolean }): Promise<boolean> {
  const [orgs] = await db.select({ n: count() }).from(organizations);
  const [people] = await db.select({ n: count() }).from(users);
  if ((orgs?.n ?? 0) > 0 || (people?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [hotel] = await tx
      .insert(organizations)
      .values({
        slug: 'hotel-aurora',
        name: 'Hotel Aurora',
        motto: 'Warsaw’s warmest welcome',
        timezone: 'Europe/Warsaw',
        language: 'en',
        // the demo shows everything, tasks included
        plan: 'team',
        seatLimit: plans.team,
      })
      .returning();
    if (!hotel) throw new Error('insert returned nothing');
    await tx.insert(users).values(demoAccounts.map((a) => ({ ...a, orgId: hotel.id, passwordHash })));
    await tx
      .insert(rooms)
      .values(Array.from({ length: 20 }, (_, i) => ({ orgId: hotel.id, number: String(101 + i), label: 'Floor 1' })));
    await seedQuickActions(tx, hotel.id);
    await seedServiceCompany(tx, passwordHash);
    if (opts.withSuperadmin) {
      await tx.insert(users).values({ ...demoSuperadmin, superadmin: true, passwordHash });
    }
  });
  return true;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The hotel's Housekeeping team and the one-tap requests its guests see first. */
async function seedQuickActions(tx: Tx, orgId: string) {
  const [housekeeping] = await tx
    .insert(teams)
    .values({ orgId, name: 'Housekeeping', description: 'Rooms, towels, repairs' })
    .returning();
  if (!housekeeping) throw new Error('insert returned nothing');
  const none = { count: null, time: false, note: false, photo: false };
  await tx.insert(quickActions).values([
    {
      orgId,
      position: 0,
      icon: '🧺',
      titles: { en: 'Extra towels', pl: 'Dodatkowe ręczniki', de: 'Extra Handtücher' },
      fields: { ...none, count: { min: 1, max: 6 } },
      taskTeamId: housekeeping.id,
    },
    {
      orgId,
      position: 1,
      icon: '🚕',
      titles: { en: 'Taxi', pl: 'Taksówka', de: 'Taxi' },
      fields: { ...none, time: true, note: true },
    },
    {
      orgId,
      position: 2,
      icon: '🕐',
      titles: { en: 'Late check-out', pl: 'Późne wymeldowanie', de: 'Später Check-out' },
      fields: { ...none, time: true },
    },
    {
      orgId,
      position: 3,
      icon: '🥐',
      titles: { en: 'Breakfast times', pl: 'Godziny śniadań', de: 'Frühstückszeiten' },
      fields: none,
    },
    {
      orgId,
      position: 4,
      icon: '🔧',
      titles: { en: 'Something is broken', pl: 'Coś nie działa', de: 'Etwas ist kaputt' },
      fields: { ...none, note: true, photo: true },
      taskTeamId: housekeeping.id,
      taskPriority: 'high',
    },
  ]);
}

/** Nord Heat, the demo service company in Gdańsk: its staff, customer fields and customers. */
async function seedServiceCompany(db: Tx, passwordHash: string): Promise<void> {
  const [company] = await db
    .insert(organizations)
    .values({
      slug: 'nord-heat',
      kind: 'service',
      name: 'Nord Heat',
      motto: 'Heating service on the Baltic coast',
      timezone: 'Europe/Warsaw',
      language: 'en',
      plan: 'team',
      seatLimit: plans.team,
    })
    .returning();
  if (!company) throw new Error('insert returned nothing');
  const staff = await db
    .insert(users)
    .values(demoServiceAccounts.map((a) => ({ ...a, orgId: company.id, passwordHash })))
    .returning({ id: users.id, role: users.role });
  const tech = staff.find((s) => s.role === 'field');
  await db.insert(customerFields).values([
    { orgId: company.id, key: 'boiler_model', label: 'Boiler model', type: 'text', position: 0 },
    {
      orgId: company.id,
      key: 'fuel',
      label: 'Fuel',
      type: 'choice',
      options: ['gas', 'oil', 'heat pump'],
      position: 1,
    },
    { orgId: company.id, key: 'contract_until', label: 'Service contract until', type: 'date', position: 2 },
  ]);
  const seeded = await db
    .insert(customers)
    .values(
      demoCustomers.map(([name, companyName, line1, postcode, city, phone, email, boiler, fuel], i) => ({
        orgId: company.id,
        name,
        companyName,
        serviceAddress: { line1, line2: '', city, postcode, country: 'PL' },
        phones: [phone],
        emails: [email],
        phoneKeys: [phone.replace(/\D/g, '').slice(-9)],
        emailKeys: [email],
        language: 'en',
        fields: { boiler_model: boiler, fuel, ...(i % 3 === 0 ? { contract_until: '2027-09-30' } : {}) },
        createdBy: i < 3 ? (tech?.id ?? null) : null,
      })),
    )
    .returning({ id: customers.id, address: customers.serviceAddress });
  await seedRequestForm(db, company.id, seeded, staff.find((s) => s.role === 'admin')?.id ?? null);
}

/** The published "Boiler service" form and two requests sent with it (one new, one already called back). */
async function seedRequestForm(
  db: Tx,
  orgId: string,
  seeded: { id: string; address: { line1: string; line2: string; city: string; postcode: string } | null }[],
  adminId: string | null,
): Promise<void> {
  const { name, description, definition } = boilerServiceForm;
  const [form] = await db
    .insert(requestForms)
    .values({ orgId, name, description, draft: definition, publishedVersion: 1 })
    .returning({ id: requestForms.id });
  if (!form) throw new Error('insert returned nothing');
  await db.insert(requestFormVersions).values({ formId: form.id, version: 1, definition, publishedBy: adminId });
  const requests = [
    { kind: 'Repair', no_heating: true, details: 'Error F28 on the display since this morning.' },
    { kind: 'Yearly service' },
  ];
  await db.insert(leads).values(
    requests.flatMap((first, i) => {
      const customer = seeded[i];
      if (!customer?.address) return [];
      const { line1, line2, city, postcode } = customer.address;
      const answers = {
        ...first,
        when: { date: `2027-01-1${i + 4}`, from: '08:00', to: '12:00' },
        address: { line1, line2, city, postcode },
        consent: true,
      };
      return [
        {
          orgId,
          customerId: customer.id,
          formId: form.id,
          formVersion: 1,
          answers,
          status: i ? ('contacted' as const) : ('new' as const),
        },
      ];
    }),
  );
}
