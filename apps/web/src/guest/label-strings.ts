import type { Language, Strings } from '../i18n/languages';

// The page a QR label opens (/l/:token), in the guest namespace: loaded with that page only,
// so the hotel guest's first load does not carry it.
export const labelEn = {
  label: {
    title: 'Confirm it’s you',
    intro: 'To keep your details private, answer one question before we open your chat with {{name}}.',
    choose: 'How would you like to confirm?',
    phone_last4: 'The last 4 digits of your phone number',
    postcode: 'Your postcode',
    email_code: 'E-mail me a code',
    phoneHelp: 'The phone number {{name}} has for you.',
    postcodeHelp: 'The postcode of the address where we work for you.',
    submit: 'Continue',
    checking: 'Checking…',
    wrong: 'That does not match what we have. Check it and try again.',
    rateLimited: 'Too many tries. For your safety, please wait {{wait}} and try again.',
    rateLimitedSoon: 'Too many tries. For your safety, please wait a while and try again.',
    blank: 'This label is not in use yet.',
    retired: 'This label is no longer in use.',
    noChallenge: 'We cannot confirm who you are with this label yet.',
    contact: 'Please contact {{name}}:',
    phone: 'Phone',
    email: 'E-mail',
    notFound: 'We could not find this label. Please check the link or scan the QR code again.',
  },
};

const pl: Strings<typeof labelEn> = {
  label: {
    title: 'Potwierdź, że to Ty',
    intro: 'Aby chronić Twoje dane, odpowiedz na jedno pytanie, zanim otworzymy czat z {{name}}.',
    choose: 'Jak chcesz się potwierdzić?',
    phone_last4: 'Ostatnie 4 cyfry Twojego numeru telefonu',
    postcode: 'Twój kod pocztowy',
    email_code: 'Wyślij mi kod e-mailem',
    phoneHelp: 'Numer telefonu, który ma dla Ciebie {{name}}.',
    postcodeHelp: 'Kod pocztowy adresu, pod którym dla Ciebie pracujemy.',
    submit: 'Dalej',
    checking: 'Sprawdzam…',
    wrong: 'To się nie zgadza z naszymi danymi. Sprawdź i spróbuj ponownie.',
    rateLimited: 'Zbyt wiele prób. Dla Twojego bezpieczeństwa poczekaj {{wait}} i spróbuj ponownie.',
    rateLimitedSoon: 'Zbyt wiele prób. Dla Twojego bezpieczeństwa poczekaj chwilę i spróbuj ponownie.',
    blank: 'Ta etykieta nie jest jeszcze w użyciu.',
    retired: 'Ta etykieta nie jest już w użyciu.',
    noChallenge: 'Nie możemy jeszcze potwierdzić Twojej tożsamości tą etykietą.',
    contact: 'Skontaktuj się z {{name}}:',
    phone: 'Telefon',
    email: 'E-mail',
    notFound: 'Nie znaleźliśmy tej etykiety. Sprawdź link lub zeskanuj kod QR ponownie.',
  },
};

const de: Strings<typeof labelEn> = {
  label: {
    title: 'Bestätigen Sie, dass Sie es sind',
    intro: 'Zum Schutz Ihrer Daten beantworten Sie bitte eine Frage, bevor wir den Chat mit {{name}} öffnen.',
    choose: 'Wie möchten Sie sich bestätigen?',
    phone_last4: 'Die letzten 4 Ziffern Ihrer Telefonnummer',
    postcode: 'Ihre Postleitzahl',
    email_code: 'Code per E-Mail erhalten',
    phoneHelp: 'Die Telefonnummer, die {{name}} von Ihnen hat.',
    postcodeHelp: 'Die Postleitzahl der Adresse, an der wir für Sie arbeiten.',
    submit: 'Weiter',
    checking: 'Wird geprüft…',
    wrong: 'Das stimmt nicht mit unseren Angaben überein. Bitte prüfen und erneut versuchen.',
    rateLimited: 'Zu viele Versuche. Zu Ihrer Sicherheit warten Sie bitte {{wait}} und versuchen es erneut.',
    rateLimitedSoon: 'Zu viele Versuche. Zu Ihrer Sicherheit warten Sie bitte eine Weile und versuchen es erneut.',
    blank: 'Dieses Etikett ist noch nicht in Gebrauch.',
    retired: 'Dieses Etikett ist nicht mehr in Gebrauch.',
    noChallenge: 'Mit diesem Etikett können wir Sie noch nicht bestätigen.',
    contact: 'Bitte wenden Sie sich an {{name}}:',
    phone: 'Telefon',
    email: 'E-Mail',
    notFound: 'Wir konnten dieses Etikett nicht finden. Bitte prüfen Sie den Link oder scannen Sie den QR-Code erneut.',
  },
};

export const guestLabelStrings: Record<Language, Strings<typeof labelEn>> = { en: labelEn, pl, de };
