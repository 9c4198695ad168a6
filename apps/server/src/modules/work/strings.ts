import type { Translations } from '../../platform/i18n.js';

/** What the guest or customer reads in their chat when a work item of their request moves: status only. */
export const guestStatusStrings: Translations<{
  created: string;
  bookedVisit: (when: string) => string;
  planned: (when: string) => string;
  rescheduledVisit: (when: string) => string;
  onItsWay: string;
  doneAt: (time: string) => string;
  cancelled: string;
}> = {
  en: {
    created: 'Request received: we are on it',
    bookedVisit: (when) => `Technician booked for ${when}`,
    planned: (when) => `Planned for ${when}`,
    rescheduledVisit: (when) => `Visit moved to ${when}`,
    onItsWay: 'On its way',
    doneAt: (time) => `Done at ${time}`,
    cancelled: 'Cancelled',
  },
  pl: {
    created: 'Prośba przyjęta: zajmujemy się nią',
    bookedVisit: (when) => `Technik umówiony na ${when}`,
    planned: (when) => `Zaplanowano na ${when}`,
    rescheduledVisit: (when) => `Wizyta przeniesiona na ${when}`,
    onItsWay: 'Już w drodze',
    doneAt: (time) => `Zrobione o ${time}`,
    cancelled: 'Anulowano',
  },
  de: {
    created: 'Anfrage erhalten: wir kümmern uns darum',
    bookedVisit: (when) => `Techniker gebucht für ${when}`,
    planned: (when) => `Geplant für ${when}`,
    rescheduledVisit: (when) => `Termin verschoben auf ${when}`,
    onItsWay: 'Ist unterwegs',
    doneAt: (time) => `Erledigt um ${time}`,
    cancelled: 'Storniert',
  },
};

/** The place a title made from a guest's message ends with ("Towels ×2 — room 112"). */
export const titleStrings: Translations<{ room: (n: string) => string }> = {
  en: { room: (n) => `room ${n}` },
  pl: { room: (n) => `pokój ${n}` },
  de: { room: (n) => `Zimmer ${n}` },
};
