import type { Language, Strings } from '../../i18n/languages';

// The guest's "notify me of replies" prompt: loaded with the chat's extras, never in the first load.
export const notifyEn = {
  notify: {
    ask: 'Get a notification when the desk replies, even with this page closed.',
    yes: 'Notify me of replies',
    no: 'Not now',
    on: 'You will be notified of replies on this device.',
    failed: 'Notifications could not be turned on.',
  },
};

const pl: Strings<typeof notifyEn> = {
  notify: {
    ask: 'Dostań powiadomienie, gdy recepcja odpowie, nawet przy zamkniętej stronie.',
    yes: 'Powiadamiaj o odpowiedziach',
    no: 'Nie teraz',
    on: 'Na tym urządzeniu dostaniesz powiadomienie o odpowiedziach.',
    failed: 'Nie udało się włączyć powiadomień.',
  },
};

const de: Strings<typeof notifyEn> = {
  notify: {
    ask: 'Erhalten Sie eine Benachrichtigung, wenn die Rezeption antwortet, auch bei geschlossener Seite.',
    yes: 'Bei Antworten benachrichtigen',
    no: 'Nicht jetzt',
    on: 'Sie werden auf diesem Gerät über Antworten benachrichtigt.',
    failed: 'Benachrichtigungen konnten nicht eingeschaltet werden.',
  },
};

export const notifyStrings: Record<Language, Strings<typeof notifyEn>> = { en: notifyEn, pl, de };
