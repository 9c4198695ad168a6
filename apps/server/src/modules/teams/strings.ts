import type { Translations } from '../../platform/i18n.js';

/** What a guest reads outside a team's hours when the team has no away message of its own. */
export const awayStrings: Translations<{ standardAwayMessage: string }> = {
  en: {
    standardAwayMessage:
      'We are away at the moment. Leave us a message: it is waiting for us, and we will answer as soon as we are back.',
  },
  pl: {
    standardAwayMessage: 'W tej chwili nas nie ma. Zostaw wiadomość — poczeka na nas, a odpowiemy, gdy tylko wrócimy.',
  },
  de: {
    standardAwayMessage:
      'Wir sind gerade nicht da. Schreiben Sie uns trotzdem: Ihre Nachricht wartet auf uns, und wir antworten, sobald wir zurück sind.',
  },
};
