import type { Language, Strings } from '../../i18n/languages';

// A customer's requests in the chat page: make one with a form, follow the ones sent. Loaded with them.
export const customerRequestsEn = {
  customerRequests: {
    make: 'Make a request',
    choose: 'What do you need?',
    mine: 'My requests ({{n}})',
    sent: 'Your request is sent. We answer you here in the chat.',
    close: 'Close',
    status: { new: 'Received', contacted: 'We contacted you', converted: 'Done', lost: 'Closed' },
    sentOn: '{{form}}, {{when}}',
  },
};

const pl: Strings<typeof customerRequestsEn> = {
  customerRequests: {
    make: 'Złóż zgłoszenie',
    choose: 'Czego potrzebujesz?',
    mine: 'Moje zgłoszenia ({{n}})',
    sent: 'Zgłoszenie wysłane. Odpowiemy tutaj, na czacie.',
    close: 'Zamknij',
    status: { new: 'Otrzymane', contacted: 'Skontaktowaliśmy się', converted: 'Zrealizowane', lost: 'Zamknięte' },
    sentOn: '{{form}}, {{when}}',
  },
};

const de: Strings<typeof customerRequestsEn> = {
  customerRequests: {
    make: 'Anfrage stellen',
    choose: 'Was brauchen Sie?',
    mine: 'Meine Anfragen ({{n}})',
    sent: 'Ihre Anfrage ist gesendet. Wir antworten Ihnen hier im Chat.',
    close: 'Schließen',
    status: { new: 'Eingegangen', contacted: 'Wir haben Sie kontaktiert', converted: 'Erledigt', lost: 'Geschlossen' },
    sentOn: '{{form}}, {{when}}',
  },
};

export const customerRequestsStrings: Record<Language, Strings<typeof customerRequestsEn>> = {
  en: customerRequestsEn,
  pl,
  de,
};
