import {
  type AlertSettings,
  MAX_ALERT_WORDS,
  supportedLanguages,
  type UpdateAlertSettingsRequest,
} from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { alertSettings } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { actorOrgId } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { hasChanges } from '../../platform/patch.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { alertPolicy } from './policy.js';
import { allDefaultAlertWords, defaultAlertWords, uniqueWords, wordKey } from './words.js';

/** An organization's alert settings as the rules read them. */
export interface AlertRules {
  ratingThreshold: number;
  words: string[];
  sentiment: boolean;
  cooldownMinutes: number;
}

const DEFAULT_RULES = { ratingThreshold: 3, sentiment: true, cooldownMinutes: 30 } as const;

/** The organization's rules: its row, or the defaults (every language's suggested words). */
export async function loadAlertRules(db: Db, orgId: string): Promise<AlertRules> {
  const [row] = await db.select().from(alertSettings).where(eq(alertSettings.orgId, orgId));
  return {
    ratingThreshold: row?.ratingThreshold ?? DEFAULT_RULES.ratingThreshold,
    words: row?.words ?? allDefaultAlertWords(),
    sentiment: row?.sentiment ?? DEFAULT_RULES.sentiment,
    cooldownMinutes: row?.cooldownMinutes ?? DEFAULT_RULES.cooldownMinutes,
  };
}

const present = (rules: AlertRules): AlertSettings => ({
  ...rules,
  defaults: Object.fromEntries(supportedLanguages.map((l) => [l, defaultAlertWords[l]])) as AlertSettings['defaults'],
});

function mayManage(actor: StaffActor): string {
  const orgId = actorOrgId(actor);
  if (!alertPolicy.manage(actor)) throw new AppError('forbidden', 'Only admins change the alert settings');
  return orgId;
}

/** The alert settings with the suggested words per language (admins). */
export async function getAlertSettings(ctx: ServiceContext<StaffActor>): Promise<AlertSettings> {
  return present(await loadAlertRules(ctx.db, mayManage(ctx.actor)));
}

/**
 * Changes the alert settings (admins): the word list is replaced (`words`), then added to
 * (`addWords`, `addDefaultsFor`) and taken from (`removeWords`, whatever the case or accents),
 * without repeats; more than MAX_ALERT_WORDS is refused (`conflict`, with `details.max`).
 */
export async function updateAlertSettings(
  ctx: ServiceContext<StaffActor>,
  changes: UpdateAlertSettingsRequest,
): Promise<AlertSettings> {
  const orgId = mayManage(ctx.actor);
  if (!hasChanges(changes)) return present(await loadAlertRules(ctx.db, orgId));
  return ctx.transact(async (tx) => {
    // one admin's change at a time: the list is read and written whole
    await tx.db.insert(alertSettings).values({ orgId }).onConflictDoNothing();
    const [row] = await tx.db.select().from(alertSettings).where(eq(alertSettings.orgId, orgId)).for('update');
    let words = changes.words ?? row?.words ?? allDefaultAlertWords();
    words = [
      ...words,
      ...(changes.addWords ?? []),
      ...(changes.addDefaultsFor ?? []).flatMap((l) => defaultAlertWords[l]),
    ];
    if (changes.removeWords?.length) {
      const removed = new Set(changes.removeWords.map(wordKey));
      words = words.filter((w) => !removed.has(wordKey(w)));
    }
    words = uniqueWords(words);
    if (words.length > MAX_ALERT_WORDS)
      throw new AppError('conflict', `The alert list holds at most ${MAX_ALERT_WORDS} words: remove some first`, {
        max: MAX_ALERT_WORDS,
        count: words.length,
      });
    const [updated] = await tx.db
      .update(alertSettings)
      .set({
        words,
        ...(changes.ratingThreshold !== undefined && { ratingThreshold: changes.ratingThreshold }),
        ...(changes.sentiment !== undefined && { sentiment: changes.sentiment }),
        ...(changes.cooldownMinutes !== undefined && { cooldownMinutes: changes.cooldownMinutes }),
        updatedAt: new Date(),
      })
      .where(eq(alertSettings.orgId, orgId))
      .returning();
    if (!updated) throw new AppError('not_found', 'No such organization');
    await recordAudit(tx, {
      orgId,
      action: 'alert_settings.updated',
      targetType: 'organization',
      targetId: orgId,
      details: { changed: Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined) },
    });
    return present({
      ratingThreshold: updated.ratingThreshold,
      words: updated.words ?? [],
      sentiment: updated.sentiment,
      cooldownMinutes: updated.cooldownMinutes,
    });
  });
}
