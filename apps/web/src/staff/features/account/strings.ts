import type { Language, Strings } from '../../../i18n/languages';

const en = {
  account: {
    title: 'Your account',
    profile: 'Profile',
    name: 'Name',
    nameRequired: 'Enter your name.',
    motto: 'Motto',
    mottoHelp: 'Guests see it next to your name when you take their request.',
    photo: 'Photo',
    photoHelp: 'Guests see it beside your name when you take their request. It is cropped to a square.',
    photoAlt: 'Your photo',
    noPhoto: 'No photo: guests see your initial.',
    profileSaved: 'Your profile is saved.',
    password: 'Password',
    passwordHelp: 'Changing it signs you out everywhere else.',
    currentPassword: 'Current password',
    currentRequired: 'Enter your current password.',
    newPassword: 'New password',
    changePassword: 'Change password',
    passwordChanged: 'Your password is changed.',
    wrongCurrent: 'The current password is not right.',
    language: 'Language of the app',
  },
};

const pl: Strings<typeof en> = {
  account: {
    title: 'Twoje konto',
    profile: 'Profil',
    name: 'Imię i nazwisko',
    nameRequired: 'Podaj imię i nazwisko.',
    motto: 'Motto',
    mottoHelp: 'Goście widzą je obok Twojego imienia, gdy przejmiesz ich zgłoszenie.',
    photo: 'Zdjęcie',
    photoHelp: 'Goście widzą je obok Twojego imienia, gdy przejmiesz ich zgłoszenie. Zostanie przycięte do kwadratu.',
    photoAlt: 'Twoje zdjęcie',
    noPhoto: 'Brak zdjęcia: goście widzą Twój inicjał.',
    profileSaved: 'Profil został zapisany.',
    password: 'Hasło',
    passwordHelp: 'Zmiana hasła wylogowuje Cię na wszystkich innych urządzeniach.',
    currentPassword: 'Obecne hasło',
    currentRequired: 'Podaj obecne hasło.',
    newPassword: 'Nowe hasło',
    changePassword: 'Zmień hasło',
    passwordChanged: 'Hasło zostało zmienione.',
    wrongCurrent: 'Obecne hasło jest nieprawidłowe.',
    language: 'Język aplikacji',
  },
};

const de: Strings<typeof en> = {
  account: {
    title: 'Ihr Konto',
    profile: 'Profil',
    name: 'Name',
    nameRequired: 'Geben Sie Ihren Namen ein.',
    motto: 'Motto',
    mottoHelp: 'Gäste sehen es neben Ihrem Namen, wenn Sie ihre Anfrage übernehmen.',
    photo: 'Foto',
    photoHelp: 'Gäste sehen es neben Ihrem Namen, wenn Sie ihre Anfrage übernehmen. Es wird quadratisch zugeschnitten.',
    photoAlt: 'Ihr Foto',
    noPhoto: 'Kein Foto: Gäste sehen Ihre Initiale.',
    profileSaved: 'Ihr Profil ist gespeichert.',
    password: 'Passwort',
    passwordHelp: 'Eine Änderung meldet Sie überall sonst ab.',
    currentPassword: 'Aktuelles Passwort',
    currentRequired: 'Geben Sie Ihr aktuelles Passwort ein.',
    newPassword: 'Neues Passwort',
    changePassword: 'Passwort ändern',
    passwordChanged: 'Ihr Passwort ist geändert.',
    wrongCurrent: 'Das aktuelle Passwort ist nicht korrekt.',
    language: 'Sprache der App',
  },
};

/** The account page: profile, photo, password, language, in every language; English is the source of the keys. */
export const accountStrings = { en, pl, de } satisfies Record<Language, Strings<typeof en>>;
