import type { Language, Strings } from '../../i18n/languages';

// The guest page's greeting and quick requests: loaded with them, never in the first load.
export const quickEn = {
  quick: {
    hello: 'Hello, {{name}}',
    helloRoom: 'Hello, {{name}} · Room {{room}}',
    title: 'Quick requests',
    count: 'How many?',
    time: 'What time?',
    note: 'Anything to add?',
    photo: 'Add a photo',
    send: 'Send request',
    cancel: 'Cancel',
    sending: 'Sending…',
    sent: 'Sent. You can follow it in the chat below.',
  },
};

const pl: Strings<typeof quickEn> = {
  quick: {
    hello: 'Dzień dobry, {{name}}',
    helloRoom: 'Dzień dobry, {{name}} · Pokój {{room}}',
    title: 'Szybkie prośby',
    count: 'Ile?',
    time: 'O której?',
    note: 'Coś jeszcze?',
    photo: 'Dodaj zdjęcie',
    send: 'Wyślij prośbę',
    cancel: 'Anuluj',
    sending: 'Wysyłanie…',
    sent: 'Wysłano. Status zobaczysz na czacie poniżej.',
  },
};

const de: Strings<typeof quickEn> = {
  quick: {
    hello: 'Hallo, {{name}}',
    helloRoom: 'Hallo, {{name}} · Zimmer {{room}}',
    title: 'Schnellanfragen',
    count: 'Wie viele?',
    time: 'Um wie viel Uhr?',
    note: 'Noch etwas?',
    photo: 'Foto hinzufügen',
    send: 'Anfrage senden',
    cancel: 'Abbrechen',
    sending: 'Wird gesendet…',
    sent: 'Gesendet. Den Stand sehen Sie unten im Chat.',
  },
};

export const quickStrings: Record<Language, Strings<typeof quickEn>> = { en: quickEn, pl, de };
