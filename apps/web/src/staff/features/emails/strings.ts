import type { Language, Strings } from '../../../i18n/languages';

// The e-mail log: what was sent, to whom, when, and why some failed.
const en = {
  emails: {
    nav: 'E-mails',
    platformNav: 'All e-mails',
    title: 'E-mails',
    platformTitle: 'E-mails of every organization',
    intro: 'What Frontdesk e-mailed to staff and guests, newest first. Open one to read it.',
    kept: 'No mail server is set up (SMTP_URL or SMTP_HOST), so e-mails are not sent: they are kept here and written to the server log.',
    filter: 'Show',
    any: 'All',
    when: 'When',
    to: 'To',
    subject: 'Subject',
    status: 'Status',
    open: 'Open {{subject}}',
    empty: 'No e-mails yet.',
    retryAt: 'Next try {{when}}',
    tries: 'Tries: {{count}}',
    essential: 'Sent even to people who unsubscribed',
    statuses: {
      queued: 'Waiting to be sent',
      sending: 'Sending',
      sent: 'Sent',
      failed: 'Failed',
      kept: 'Kept, not sent',
      opted_out: 'Not sent: unsubscribed',
    },
  },
};

const pl: Strings<typeof en> = {
  emails: {
    nav: 'E-maile',
    platformNav: 'Wszystkie e-maile',
    title: 'E-maile',
    platformTitle: 'E-maile wszystkich organizacji',
    intro: 'Co Frontdesk wysłał e-mailem pracownikom i gościom, od najnowszych. Otwórz, aby przeczytać.',
    kept: 'Serwer poczty nie jest skonfigurowany (SMTP_URL lub SMTP_HOST), więc e-maile nie są wysyłane: zostają tutaj i w dzienniku serwera.',
    filter: 'Pokaż',
    any: 'Wszystkie',
    when: 'Kiedy',
    to: 'Do',
    subject: 'Temat',
    status: 'Stan',
    open: 'Otwórz {{subject}}',
    empty: 'Jeszcze nie ma e-maili.',
    retryAt: 'Kolejna próba {{when}}',
    tries: 'Próby: {{count}}',
    essential: 'Wysyłany także do osób, które się wypisały',
    statuses: {
      queued: 'Czeka na wysłanie',
      sending: 'Wysyłanie',
      sent: 'Wysłany',
      failed: 'Nieudany',
      kept: 'Zachowany, niewysłany',
      opted_out: 'Niewysłany: wypisany',
    },
  },
};

const de: Strings<typeof en> = {
  emails: {
    nav: 'E-Mails',
    platformNav: 'Alle E-Mails',
    title: 'E-Mails',
    platformTitle: 'E-Mails aller Organisationen',
    intro: 'Was Frontdesk an Mitarbeiter und Gäste gemailt hat, neueste zuerst. Zum Lesen öffnen.',
    kept: 'Kein Mailserver eingerichtet (SMTP_URL oder SMTP_HOST): E-Mails werden nicht gesendet, sondern hier und im Serverprotokoll aufbewahrt.',
    filter: 'Anzeigen',
    any: 'Alle',
    when: 'Wann',
    to: 'An',
    subject: 'Betreff',
    status: 'Status',
    open: '{{subject}} öffnen',
    empty: 'Noch keine E-Mails.',
    retryAt: 'Nächster Versuch {{when}}',
    tries: 'Versuche: {{count}}',
    essential: 'Geht auch an Personen, die sich abgemeldet haben',
    statuses: {
      queued: 'Wartet auf Versand',
      sending: 'Wird gesendet',
      sent: 'Gesendet',
      failed: 'Fehlgeschlagen',
      kept: 'Aufbewahrt, nicht gesendet',
      opted_out: 'Nicht gesendet: abgemeldet',
    },
  },
};

export const emailsStrings = { en, pl, de } satisfies Record<Language, Strings<typeof en>>;
