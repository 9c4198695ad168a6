import type { Translations } from '../platform/i18n.js';

/** What a guest's page shows when the server ends their session, in the guest's language. */
export const sessionEndedStrings: Translations<{ stayEnded: string; accessEnded: string; signedOut: string }> = {
  en: {
    stayEnded: 'Your stay has ended. Thank you for staying with us!',
    accessEnded: 'Your access has ended. Please ask reception for a new code.',
    signedOut: 'You have been signed out. Scan your label again to continue.',
  },
  pl: {
    stayEnded: 'Twój pobyt dobiegł końca. Dziękujemy, że byli Państwo z nami!',
    accessEnded: 'Twój dostęp wygasł. Poproś recepcję o nowy kod.',
    signedOut: 'Wylogowano Cię. Zeskanuj ponownie swoją etykietę, aby kontynuować.',
  },
  de: {
    stayEnded: 'Ihr Aufenthalt ist beendet. Vielen Dank für Ihren Besuch!',
    accessEnded: 'Ihr Zugang ist abgelaufen. Bitte fragen Sie an der Rezeption nach einem neuen Code.',
    signedOut: 'Sie wurden abgemeldet. Scannen Sie Ihr Etikett erneut, um fortzufahren.',
  },
};
