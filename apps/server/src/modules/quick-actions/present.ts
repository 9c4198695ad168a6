import type { GuestQuickAction, Language, QuickAction } from '@frontdesk/protocol';
import { supportedLanguages } from '@frontdesk/protocol';
import type { quickActions } from '../../db/schema.js';

export type QuickActionRow = typeof quickActions.$inferSelect;

export function presentQuickAction(row: QuickActionRow, teamName: string | null): QuickAction {
  return {
    id: row.id,
    titles: row.titles,
    icon: row.icon,
    fields: row.fields,
    position: row.position,
    enabled: row.enabled,
    task:
      row.taskTeamId && teamName !== null
        ? { team: { id: row.taskTeamId, name: teamName }, priority: row.taskPriority }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The title in this language, else the organization's, else the first one given. */
export function titleIn(row: Pick<QuickActionRow, 'titles'>, ...languages: Language[]): string {
  for (const l of [...languages, ...supportedLanguages]) {
    const title = row.titles[l];
    if (title) return title;
  }
  return '';
}

export function presentForGuest(row: QuickActionRow, language: Language, orgLanguage: Language): GuestQuickAction {
  return { id: row.id, title: titleIn(row, language, orgLanguage), icon: row.icon, fields: row.fields };
}
