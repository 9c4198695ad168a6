import type { Translations } from '../../platform/i18n.js';

/** The printed welcome card, in the guest's language. */
export const welcomeCardStrings: Translations<{
  room: (number: string) => string;
  checkOut: (when: string) => string;
  instruction: string;
}> = {
  en: {
    room: (number) => `Room ${number}`,
    checkOut: (when) => `Check-out: ${when}`,
    instruction: 'Scan to chat with reception — no app needed',
  },
  pl: {
    room: (number) => `Pokój ${number}`,
    checkOut: (when) => `Wymeldowanie: ${when}`,
    instruction: 'Zeskanuj, by pisać z recepcją — bez aplikacji',
  },
  de: {
    room: (number) => `Zimmer ${number}`,
    checkOut: (when) => `Abreise: ${when}`,
    instruction: 'Scannen und mit der Rezeption chatten – ohne App',
  },
};
