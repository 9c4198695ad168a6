import type { Language, Strings } from '../i18n/languages';

// "E-mail me a code" at a QR label (EmailCodeStep), in the guest namespace: loaded with that step
// only, so neither the guest's first load nor the label page carries it.
export const emailCodeEn = {
  emailCode: {
    explain: 'We will e-mail a 6-digit code to the address {{name}} has for you.',
    send: 'E-mail me the code',
    sending: 'Sending…',
    sent: 'We sent a code to {{address}}. It works once, for {{minutes}} minutes.',
    field: 'The 6-digit code from the e-mail',
    help: 'Not there? Look in your spam folder, or send a new code.',
    submit: 'Continue',
    checking: 'Checking…',
    again: 'Send a new code',
    expired: 'This code has expired or was already used. Send a new code.',
    noEmail: 'We have no e-mail address for you. Please answer another question, or contact {{name}}.',
  },
};

const pl: Strings<typeof emailCodeEn> = {
  emailCode: {
    explain: 'Wyślemy 6-cyfrowy kod na adres e-mail, który ma dla Ciebie {{name}}.',
    send: 'Wyślij mi kod',
    sending: 'Wysyłam…',
    sent: 'Wysłaliśmy kod na {{address}}. Działa jeden raz, przez {{minutes}} minut.',
    field: '6-cyfrowy kod z wiadomości',
    help: 'Nie ma go? Zajrzyj do spamu albo wyślij nowy kod.',
    submit: 'Dalej',
    checking: 'Sprawdzam…',
    again: 'Wyślij nowy kod',
    expired: 'Ten kod wygasł albo został już użyty. Wyślij nowy kod.',
    noEmail: 'Nie mamy Twojego adresu e-mail. Odpowiedz na inne pytanie albo skontaktuj się z {{name}}.',
  },
};

const de: Strings<typeof emailCodeEn> = {
  emailCode: {
    explain: 'Wir senden einen 6-stelligen Code an die E-Mail-Adresse, die {{name}} von Ihnen hat.',
    send: 'Code per E-Mail senden',
    sending: 'Wird gesendet…',
    sent: 'Wir haben einen Code an {{address}} gesendet. Er gilt einmal, {{minutes}} Minuten lang.',
    field: 'Der 6-stellige Code aus der E-Mail',
    help: 'Nicht angekommen? Sehen Sie im Spam-Ordner nach oder senden Sie einen neuen Code.',
    submit: 'Weiter',
    checking: 'Wird geprüft…',
    again: 'Neuen Code senden',
    expired: 'Dieser Code ist abgelaufen oder wurde schon benutzt. Senden Sie einen neuen Code.',
    noEmail:
      'Wir haben keine E-Mail-Adresse von Ihnen. Bitte beantworten Sie eine andere Frage oder wenden Sie sich an {{name}}.',
  },
};

export const emailCodeStrings: Record<Language, Strings<typeof emailCodeEn>> = { en: emailCodeEn, pl, de };
