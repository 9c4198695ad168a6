import type { Language, Strings } from '../../../i18n/languages';

const en = {
  login: {
    title: 'Sign in to Frontdesk',
    intro: 'For hotel staff. Guests open the chat from the QR code on their key card.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    forgot: 'Forgot your password? Ask your admin for a new set-password link.',
    rateLimited: 'Too many attempts. Please try again in {{seconds}} seconds.',
    or: 'or',
    sso: 'Sign in with your organization',
    organization: 'Your organization’s address',
    organizationHelp: 'The short name in your guest chat link (…/g/hotel-aurora), as your admin gave it',
  },
  setPassword: {
    title: 'Choose your password',
    intro: 'Use at least {{min}} characters. You will sign in with your email address and this password.',
    password: 'New password',
    repeat: 'Repeat the password',
    submit: 'Set password',
    tooShort: 'Use at least {{min}} characters.',
    mismatch: 'The two passwords are not the same.',
    noToken: 'This link is incomplete. Open the whole link you were sent, or ask your admin for a new one.',
    doneTitle: 'Your password is set',
    doneBody: 'You can sign in now.',
    toLogin: 'Go to sign in',
  },
};

const pl: Strings<typeof en> = {
  login: {
    title: 'Zaloguj się do Frontdesk',
    intro: 'Dla personelu hotelu. Goście otwierają czat kodem QR z etui karty-klucza.',
    email: 'E-mail',
    password: 'Hasło',
    submit: 'Zaloguj się',
    forgot: 'Nie pamiętasz hasła? Poproś administratora o nowy link do ustawienia hasła.',
    rateLimited: 'Zbyt wiele prób. Spróbuj ponownie za {{seconds}} s.',
    or: 'albo',
    sso: 'Zaloguj się przez organizację',
    organization: 'Adres Twojej organizacji',
    organizationHelp: 'Krótka nazwa z linku do czatu gości (…/g/hotel-aurora), podana przez administratora',
  },
  setPassword: {
    title: 'Ustaw swoje hasło',
    intro: 'Użyj co najmniej {{min}} znaków. Będziesz logować się adresem e-mail i tym hasłem.',
    password: 'Nowe hasło',
    repeat: 'Powtórz hasło',
    submit: 'Ustaw hasło',
    tooShort: 'Użyj co najmniej {{min}} znaków.',
    mismatch: 'Hasła nie są takie same.',
    noToken: 'Ten link jest niepełny. Otwórz cały otrzymany link albo poproś administratora o nowy.',
    doneTitle: 'Hasło zostało ustawione',
    doneBody: 'Możesz się teraz zalogować.',
    toLogin: 'Przejdź do logowania',
  },
};

const de: Strings<typeof en> = {
  login: {
    title: 'Bei Frontdesk anmelden',
    intro: 'Für Hotelpersonal. Gäste öffnen den Chat über den QR-Code auf ihrer Schlüsselkarte.',
    email: 'E-Mail',
    password: 'Passwort',
    submit: 'Anmelden',
    forgot: 'Passwort vergessen? Bitten Sie Ihren Admin um einen neuen Link zum Festlegen des Passworts.',
    rateLimited: 'Zu viele Versuche. Bitte versuchen Sie es in {{seconds}} Sekunden erneut.',
    or: 'oder',
    sso: 'Mit Ihrer Organisation anmelden',
    organization: 'Adresse Ihrer Organisation',
    organizationHelp: 'Der Kurzname im Gast-Chat-Link (…/g/hotel-aurora), wie Ihr Admin ihn nennt',
  },
  setPassword: {
    title: 'Passwort festlegen',
    intro: 'Mindestens {{min}} Zeichen. Sie melden sich mit Ihrer E-Mail-Adresse und diesem Passwort an.',
    password: 'Neues Passwort',
    repeat: 'Passwort wiederholen',
    submit: 'Passwort festlegen',
    tooShort: 'Mindestens {{min}} Zeichen.',
    mismatch: 'Die beiden Passwörter stimmen nicht überein.',
    noToken:
      'Dieser Link ist unvollständig. Öffnen Sie den ganzen Link, den Sie erhalten haben, oder bitten Sie Ihren Admin um einen neuen.',
    doneTitle: 'Ihr Passwort ist festgelegt',
    doneBody: 'Sie können sich jetzt anmelden.',
    toLogin: 'Zur Anmeldung',
  },
};

/** Sign-in and set-password pages, in every language; English is the source of the keys. */
export const authStrings = { en, pl, de } satisfies Record<Language, Strings<typeof en>>;
