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
    pushTitle: 'Notifications on this device',
    pushHelp:
      'While the app is closed: a new request for your teams, a message in a request you hold, a mention in a note, an alert. Turn it on on each device you want them on.',
    pushSwitch: 'Notify me on this device',
    pushUnsupported:
      'This browser cannot show notifications from the app (on an iPhone, add the app to the home screen first).',
    pushDenied: 'Notifications are blocked for this site in the browser’s settings: allow them there, then come back.',
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
    pushTitle: 'Powiadomienia na tym urządzeniu',
    pushHelp:
      'Gdy aplikacja jest zamknięta: nowe zgłoszenie dla Twoich zespołów, wiadomość w Twoim zgłoszeniu, wzmianka w notatce, alert. Włącz je na każdym urządzeniu, na którym chcesz je dostawać.',
    pushSwitch: 'Powiadamiaj mnie na tym urządzeniu',
    pushUnsupported:
      'Ta przeglądarka nie pokazuje powiadomień aplikacji (na iPhonie najpierw dodaj aplikację do ekranu początkowego).',
    pushDenied: 'Powiadomienia tej strony są zablokowane w ustawieniach przeglądarki: zezwól na nie tam i wróć tutaj.',
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
    pushTitle: 'Benachrichtigungen auf diesem Gerät',
    pushHelp:
      'Während die App geschlossen ist: eine neue Anfrage für Ihre Teams, eine Nachricht in Ihrer Anfrage, eine Erwähnung in einer Notiz, ein Alarm. Schalten Sie sie auf jedem Gerät ein, auf dem Sie sie möchten.',
    pushSwitch: 'Auf diesem Gerät benachrichtigen',
    pushUnsupported:
      'Dieser Browser zeigt keine Benachrichtigungen der App (auf dem iPhone die App zuerst zum Home-Bildschirm hinzufügen).',
    pushDenied:
      'Benachrichtigungen sind für diese Seite in den Browser-Einstellungen blockiert: erlauben Sie sie dort und kommen Sie zurück.',
  },
};

/** The account page: profile, photo, password, language, in every language; English is the source of the keys. */
export const accountStrings = { en, pl, de } satisfies Record<Language, Strings<typeof en>>;
