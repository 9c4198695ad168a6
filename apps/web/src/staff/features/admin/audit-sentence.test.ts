import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { common } from '../../../i18n/locales/common';
import { loose } from '../../../i18n/loose';
import { staffStrings } from '../../strings';
import { type AuditEntryLike, describeAudit } from './audit-sentence';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'en',
    ns: ['staff', 'common'],
    defaultNS: 'staff',
    resources: Object.fromEntries(
      (['en', 'pl', 'de'] as const).map((l) => [l, { staff: staffStrings[l], common: common[l] }]),
    ),
    interpolation: { escapeValue: false },
  });
});

const names: Record<string, string> = { 'u-anna': 'Anna Nowak', 'u-piotr': 'Piotr Zieliński' };
function words(language = 'en') {
  const t = loose(i18n.getFixedT(language, 'staff'));
  return { t, language, timeZone: 'Europe/Warsaw', nameOf: (id: string) => names[id] };
}
function entry(action: string, details: Record<string, unknown> = {}, more: Partial<AuditEntryLike> = {}) {
  return {
    action,
    actorId: 'u-anna',
    actorEmail: 'anna@hotel.test',
    targetType: null,
    targetId: null,
    details,
    ...more,
  };
}

describe('audit entries as sentences', () => {
  it('names the routing rule, and keeps rule ids and team ids out of the details', () => {
    const created = describeAudit(entry('routing.rule_created', { rule: 'Spa', team: 'Spa desk' }), words());
    expect(created.sentence).toBe('Anna Nowak added the routing rule Spa');
    expect(created.details).toEqual([{ key: 'team', label: 'Team', value: 'Spa desk' }]);
    const reordered = describeAudit(entry('routing.rules_reordered', { order: ['r-1', 'r-2'] }), words('de'));
    expect(reordered.sentence).toBe('Anna Nowak hat die Reihenfolge der Zuteilungsregeln geändert');
    expect(reordered.details).toEqual([]);
  });

  it('names the team whose business hours changed, with what changed in words', () => {
    const changed = entry('team.hours_changed', {
      team: 'Spa',
      alwaysOpen: false,
      holidays: 2,
      awayMessage: 'Back at 8',
    });
    expect(describeAudit(changed, words()).sentence).toBe('Anna Nowak changed the business hours of team Spa');
    expect(describeAudit(changed, words('pl')).details.map((d) => `${d.label}: ${d.value}`)).toEqual([
      'Otwarte całą dobę: nie',
      'Dni wolne: 2',
      'Komunikat o nieobecności: Back at 8',
    ]);
  });

  it('names who checked whom in to which room, with the check-out on the hotel clock', () => {
    const described = describeAudit(
      entry('stay.checked_in', { room: '101', guest: 'Jan Kowalski', checkOutAt: '2026-03-05T10:00:00.000Z' }),
      words(),
    );
    expect(described.sentence).toBe('Anna Nowak checked in Jan Kowalski to room 101');
    expect(described.details).toEqual([{ key: 'checkOutAt', label: 'Check-out', value: 'Mar 5, 11:00 AM' }]);
  });

  it('names staff by name (or e-mail once removed) and roles in words', () => {
    const target = { targetType: 'user', targetId: 'u-piotr' };
    const changed = entry('staff.role_changed', { email: 'piotr@hotel.test', from: 'agent', to: 'admin' }, target);
    expect(describeAudit(changed, words()).sentence).toBe(
      'Anna Nowak changed the role of Piotr Zieliński from Reception to Admin',
    );
    expect(describeAudit(changed, words()).details).toEqual([]);
    const removed = entry(
      'staff.removed',
      { email: 'gone@hotel.test', role: 'field' },
      { targetType: 'user', targetId: 'u-x' },
    );
    expect(describeAudit(removed, words()).sentence).toBe('Anna Nowak removed gone@hotel.test (Field staff)');
  });

  it('lists changed settings by their names with formatted values, never JSON', () => {
    const described = describeAudit(
      entry('organization.updated', {
        changed: { timezone: 'Europe/Berlin', language: 'de', publicEntryEnabled: true, guestGraceHours: 48 },
        removedLogoFileId: 'f-1',
      }),
      words(),
    );
    expect(described.sentence).toBe('Anna Nowak changed the organization’s settings');
    expect(described.details.map((d) => `${d.label}: ${d.value}`)).toEqual([
      'Time zone: Europe/Berlin',
      'Language: Deutsch',
      'Chat without a code: yes',
      'Read-only access after check-out (hours): 48',
    ]);
    for (const d of described.details) expect(d.value).not.toMatch(/[{}"]/);
  });

  it('words the conversation visibility setting in each staff language', () => {
    const change = entry('organization.updated', { changed: { conversationVisibility: 'team' } });
    const shown = (language: string) =>
      describeAudit(change, words(language)).details.map((d) => `${d.label}: ${d.value}`);
    expect(shown('en')).toEqual(['Who sees which requests: Reception sees only their teams’ requests']);
    expect(shown('pl')).toEqual(['Kto widzi które zgłoszenia: Recepcja widzi tylko zgłoszenia swoich zespołów']);
    expect(shown('de')).toEqual(['Wer welche Anfragen sieht: Die Rezeption sieht nur die Anfragen ihrer Teams']);
  });

  it('shows a plan change as before → after', () => {
    const described = describeAudit(
      entry('organization.plan_changed', {
        from: { plan: 'free', seatLimit: 5, active: true },
        to: { plan: 'team', seatLimit: 25 },
      }),
      words(),
    );
    expect(described.details.map((d) => `${d.label}: ${d.value}`)).toEqual(['Plan: Free → Team', 'Seats: 5 → 25']);
  });

  it('names the member of a team change by name, with their capacity, languages and skills as details', () => {
    const described = describeAudit(
      entry(
        'team.member_added',
        {
          team: 'Reception',
          userId: 'u-piotr',
          email: 'piotr@hotel.test',
          capacity: 5,
          languages: ['de', 'en'],
          skills: ['billing'],
        },
        { targetType: 'team', targetId: 't-1' },
      ),
      words(),
    );
    expect(described.sentence).toBe('Anna Nowak added Piotr Zieliński to team Reception');
    expect(described.details.map((d) => `${d.label}: ${d.value}`)).toEqual([
      'Capacity: 5',
      'Languages: de and en',
      'Skills: billing',
    ]);
  });

  it('covers every action the server records', () => {
    const actions = [
      'room.created',
      'room.bulk_created',
      'room.updated',
      'room.removed',
      'account.password_changed',
      'account.photo_uploaded',
      'account.photo_removed',
      'stay.checked_in',
      'stay.check_out_changed',
      'stay.checked_out',
      'stay.guest_changed',
      'organization.logo_uploaded',
      'organization.logo_removed',
      'organization.created',
      'organization.plan_changed',
      'organization.updated',
      'staff.added',
      'staff.role_changed',
      'staff.deactivated',
      'staff.reactivated',
      'staff.removed',
      'staff.password_link_issued',
      'team.created',
      'team.updated',
      'team.removed',
      'team.member_added',
      'team.member_changed',
      'team.member_removed',
      'team.hours_changed',
    ];
    for (const language of ['en', 'pl', 'de']) {
      for (const action of actions) {
        const { sentence } = describeAudit(
          entry(action, { room: '7', number: '7', numbers: ['7', '8'], team: 'Reception' }),
          words(language),
        );
        expect(sentence, `${language} ${action}`).toMatch(/^Anna Nowak\b/);
        expect(sentence, `${language} ${action}`).not.toMatch(/\{\{|sentences\.|\w+\.\w+_/);
      }
    }
  });

  it('reads an action it does not know as words, and the system as the actor', () => {
    const described = describeAudit(
      entry(
        'room.archived_by_rule',
        { reasonCode: 'idle', since: '2026-01-15T23:30:00Z' },
        { actorId: null, actorEmail: null },
      ),
      words(),
    );
    expect(described.sentence).toBe('The system: room archived by rule');
    expect(described.details).toEqual([
      { key: 'reasonCode', label: 'Reason code', value: 'idle' },
      { key: 'since', label: 'Since', value: 'Jan 16, 12:30 AM' },
    ]);
  });

  it('is in the staff member’s language', () => {
    const d = entry('stay.checked_out', { room: '101' });
    expect(describeAudit(d, words('de')).sentence).toBe('Anna Nowak hat Zimmer 101 ausgecheckt');
    expect(describeAudit(d, words('pl')).sentence).toBe('Anna Nowak: wymeldowanie z pokoju 101');
  });
});
