import type { Alert } from '@frontdesk/protocol';
import type { alerts } from '../../db/schema.js';

export type AlertRow = typeof alerts.$inferSelect;

/** An alert as admins and duty managers see it: what it says, the request it links to, who handled it. */
export function presentAlert(row: AlertRow, acknowledgedByName: string | null): Alert {
  const d = row.detail;
  return {
    id: row.id,
    conversationId: row.conversationId,
    kind: row.kind,
    rating: d.rating ?? null,
    word: d.word ?? null,
    score: d.score ?? null,
    targetMinutes: d.targetMinutes ?? null,
    contactName: d.contactName,
    roomNumber: d.roomNumber,
    teamName: d.teamName,
    raisedAt: row.raisedAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy:
      row.acknowledgedBy && row.acknowledgedAt ? { id: row.acknowledgedBy, name: acknowledgedByName ?? '' } : null,
  };
}
