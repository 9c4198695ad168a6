import { type Language, languageNames } from '../../../i18n/languages';
import type { LooseT } from '../../../i18n/loose';
import { formatDateTime } from '../../format';

/** What the audit log stores for one action (see apps/server/src/modules/audit). */
export interface AuditEntryLike {
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditWords {
  t: LooseT;
  language: string;
  /** The organization's zone: dates in the details are on the same clock as the rest of the page. */
  timeZone?: string;
  /** A staff member's name by id (people who have since been removed are not known any more). */
  nameOf: (userId: string) => string | undefined;
}

export interface DescribedAudit {
  sentence: string;
  details: { key: string; label: string; value: string }[];
}

/** Detail keys that hold values already in the sentence, per action. */
const inSentence: Record<string, string[]> = {
  'room.created': ['number'],
  'room.bulk_created': ['numbers'],
  'room.removed': ['number'],
  'stay.checked_in': ['room', 'guest'],
  'stay.check_out_changed': ['room', 'from', 'to'],
  'stay.checked_out': ['room'],
  'stay.guest_changed': ['room', 'guest', 'changed'],
  'organization.created': ['adminEmail'],
  'staff.added': ['email', 'role'],
  'staff.role_changed': ['email', 'from', 'to'],
  'staff.deactivated': ['email'],
  'staff.reactivated': ['email'],
  'staff.removed': ['email', 'role'],
  'staff.password_link_issued': ['email'],
  'team.created': ['team'],
  'team.updated': ['team'],
  'team.removed': ['team'],
  'team.member_added': ['team', 'email'],
  'team.member_changed': ['team', 'email'],
  'team.member_removed': ['team', 'email'],
  'team.hours_changed': ['team'],
  'routing.rule_created': ['rule'],
  'routing.rule_updated': ['rule'],
  'routing.rule_removed': ['rule'],
  'routing.rules_reordered': [],
  'routing.default_team_set': [],
  'staff.signed_in': ['via'],
  'staff.sign_in_refused': ['via', 'email'],
};

/** Internal ids nobody reading the log can use. */
const hidden = (key: string) => /FileId$|^fileId$|^userId$|^teamId$|^roomIds$|^order$/.test(key);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One audit entry as a sentence in the staff language ("Anna Nowak checked in Jan Kowalski to room
 * 101") and its remaining details as labelled, formatted values — never raw codes or JSON. An
 * action this version does not know still reads as "Anna Nowak: room archived".
 */
export function describeAudit(entry: AuditEntryLike, words: AuditWords): DescribedAudit {
  const { t } = words;
  const d = entry.details ?? {};
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  const actor =
    (entry.actorId ? words.nameOf(entry.actorId) : undefined) ?? entry.actorEmail ?? t('admin.audit.system');
  // the staff member acted on: the target of a staff action, the member of a team action
  const target =
    (entry.targetType === 'user' && entry.targetId ? words.nameOf(entry.targetId) : undefined) ??
    (text('userId') ? words.nameOf(text('userId') as string) : undefined) ??
    text('email') ??
    t('admin.audit.someone');
  const values: Record<string, string> = {
    actor,
    target,
    room: formatValue('room', d.room, words),
    number: formatValue('number', d.number, words),
    numbers: formatValue('numbers', d.numbers, words),
    guest: text('guest') ?? t('admin.audit.aGuest'),
    team: text('team') ?? '',
    rule: text('rule') ?? '',
    role: formatValue('role', d.role, words),
    adminEmail: formatValue('adminEmail', d.adminEmail, words),
    // from/to are roles for a role change and instants for a moved check-out
    from: formatValue(entry.action === 'staff.role_changed' ? 'role' : 'from', d.from, words),
    to: formatValue(entry.action === 'staff.role_changed' ? 'role' : 'to', d.to, words),
  };
  const key = `admin.audit.sentences.${entry.action.replace(/\./g, '_')}`;
  const known = entry.action in inSentence || t(key) !== key;
  const sentence = known
    ? t(key, values)
    : t('admin.audit.sentences.unknown', { actor, action: entry.action.replace(/[._]+/g, ' ') });

  const used = new Set(known ? (inSentence[entry.action] ?? []) : []);
  const details: DescribedAudit['details'] = [];
  const add = (key: string, value: unknown, prefix = '') => {
    if (hidden(key) || used.has(key)) return;
    details.push({ key: prefix + key, label: fieldLabel(key, t), value: formatValue(key, value, words) });
  };
  for (const [k, value] of Object.entries(d)) {
    if (k === 'changed' && isRecord(value)) {
      for (const [field, v] of Object.entries(value)) add(field, v);
    } else if (k === 'to' && isRecord(value) && isRecord(d.from)) {
      // a change of several fields: "Plan: Free → Team"
      const before = d.from;
      for (const [field, v] of Object.entries(value)) {
        if (hidden(field)) continue;
        const was = field in before ? `${formatValue(field, before[field], words)} → ` : '';
        details.push({ key: field, label: fieldLabel(field, t), value: `${was}${formatValue(field, v, words)}` });
      }
    } else if (k === 'from' && isRecord(value) && isRecord(d.to)) {
      // shown with "to"
    } else {
      add(k, value);
    }
  }
  return { sentence, details };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The field's name in words: a known one translated, any other "guestGraceHours" → "Guest grace hours". */
function fieldLabel(key: string, t: LooseT): string {
  const path = `admin.audit.fields.${key}`;
  const known = t(path);
  if (known !== path) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A detail's value as people write it: roles, plans and languages by name, instants on the org's clock. */
export function formatValue(key: string, value: unknown, words: AuditWords): string {
  const { t, language } = words;
  if (value === null || value === undefined || value === '') return t('admin.audit.none');
  if (typeof value === 'boolean') return value ? t('admin.audit.yes') : t('admin.audit.no');
  if (typeof value === 'number') return new Intl.NumberFormat(language).format(value);
  if (Array.isArray(value)) {
    return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(
      value.map((v) => formatValue(key, v, words)),
    );
  }
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([k]) => !hidden(k))
      .map(([k, v]) => `${fieldLabel(k, t)}: ${formatValue(k, v, words)}`)
      .join('; ');
  }
  const s = String(value);
  if (key === 'role') {
    const role = t(`roles.${s}`);
    return role === `roles.${s}` ? s : role;
  }
  if (key === 'plan') {
    const plan = t(`plans.${s}`);
    return plan === `plans.${s}` ? s : plan;
  }
  if (key === 'language' && s in languageNames) return languageNames[s as Language];
  if (key === 'conversationVisibility' && (s === 'all' || s === 'team')) return t(`admin.org.visibilityOptions.${s}`);
  if (ISO_INSTANT.test(s)) return formatDateTime(s, language, words.timeZone);
  return s;
}
