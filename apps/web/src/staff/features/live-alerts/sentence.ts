import type { Alert } from '@frontdesk/protocol';
import type { TFunction } from 'i18next';

/** An alert in plain words: "Low rating: 2 stars from room 112", "Alarming word: “police” from Jan". */
export function alertSentence(t: TFunction<'staff'>, alert: Alert): string {
  const who = alert.roomNumber
    ? t('liveAlerts.fromRoom', { room: alert.roomNumber })
    : (alert.contactName ?? t('liveAlerts.aGuest'));
  switch (alert.kind) {
    case 'low_rating':
      return t('liveAlerts.kinds.low_rating', { count: alert.rating ?? 0, who });
    case 'alarming_word':
      return t('liveAlerts.kinds.alarming_word', { word: alert.word ?? '', who });
    case 'negative_mood':
      return t('liveAlerts.kinds.negative_mood', { who });
    case 'sla_breach':
      return t('liveAlerts.kinds.sla_breach', { who, minutes: alert.targetMinutes ?? 0 });
  }
}
