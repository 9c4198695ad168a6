import type { Language, Strings } from '../i18n/languages';
import { accountStrings } from './features/account/strings';
import { adminStrings } from './features/admin/strings';
import { apiKeysStrings } from './features/api-keys/strings';
import { authStrings } from './features/auth/strings';
import { cannedStrings } from './features/canned/strings';
import { customersStrings } from './features/customers/strings';
import { emailsStrings } from './features/emails/strings';
import { inboxStrings } from './features/inbox/strings';
import { labelsStrings } from './features/labels/strings';
import { leadsStrings } from './features/leads/strings';
import { liveAlertsStrings } from './features/live-alerts/strings';
import { metricsStrings } from './features/metrics/strings';
import { myWorkStrings } from './features/my-work/strings';
import { platformStrings } from './features/platform/strings';
import { ssoStrings } from './features/sso/strings';
import { staysStrings } from './features/stays/strings';
import { tagsStrings } from './features/tags/strings';
import { webhooksStrings } from './features/webhooks/strings';
import { workStrings } from './features/work/strings';

// The shell's own texts (navigation, header, shared words); each feature keeps its own beside it.
const shellEn = {
  shared: {
    cancel: 'Cancel',
    save: 'Save',
    copy: 'Copy',
    copied: 'Copied',
    done: 'Done',
  },
  images: {
    upload: 'Upload image',
    replace: 'Replace',
    remove: 'Remove',
    saved: 'The image is saved.',
    removed: 'The image is removed.',
    types: 'PNG, JPEG or WebP',
  },
  nav: {
    label: 'Main',
    inbox: 'Inbox',
    stays: 'Check-in',
    admin: 'Admin',
    platform: 'Platform',
    account: 'Account',
    queuedBadge: 'Queued requests: {{count}}',
  },
  clock: {
    times: 'Times in {{zone}}',
    now: 'It is {{time}} in {{zone}}',
  },
  connection: {
    offline: 'Offline — reconnecting…',
    connecting: 'Connecting…',
  },
  roles: {
    admin: 'Admin',
    agent: 'Reception',
    dispatcher: 'Dispatcher',
    field: 'Field staff',
    superadmin: 'Platform owner',
  },
  plans: {
    free: 'Free',
    team: 'Team',
    business: 'Business',
  },
  status: {
    queued: 'Queued',
    open: 'Open',
    resolved: 'Resolved',
  },
  userMenu: {
    label: 'Account menu of {{name}}',
    language: 'Language',
    signOut: 'Sign out',
  },
  presence: {
    label: 'Your availability',
    online: 'Online',
    away: 'Away',
    offline: 'Offline',
    team: 'Team',
    teamCount: 'Team — online: {{count}}',
    noColleagues: 'No colleagues at the desk yet.',
    failed: 'Could not change your availability',
  },
  shift: {
    end: 'End my shift…',
    title: 'End your shift',
    body: 'Hand over your open requests ({{n}})? They go back to their teams’ queues, and your availability becomes Away.',
    bodyNone: 'You have no open requests. Your availability becomes Away.',
    confirm: 'End my shift',
    done: 'Shift ended',
    handedOver: 'Requests handed over: {{n}}. You are away now.',
  },
  alerts: {
    newRequest: 'New request',
    fromRoom: 'Room {{room}}',
    fromVisitor: '{{name}}',
    escalated: 'Waiting too long · {{team}}',
    escalatedBody: '{{who}} has waited more than {{minutes}} min for a {{reply}}. Priority now: {{priority}}.',
    firstReply: 'first reply',
    nextReply: 'reply',
    urgent: 'Urgent request',
    urgentBody: '{{who}} · {{team}}',
    noTeam: 'no team',
    sound: 'Sound for new requests',
    soundOn: 'Sound on for new requests',
    soundOff: 'Sound off',
    enableNotifications: 'Turn on desktop notifications',
    notificationsOn: 'Desktop notifications are on',
    notificationsBlocked: 'Desktop notifications are blocked in the browser settings',
    notificationsUnsupported: 'This browser cannot show desktop notifications',
  },
};

const shellPl: Strings<typeof shellEn> = {
  shared: {
    cancel: 'Anuluj',
    save: 'Zapisz',
    copy: 'Kopiuj',
    copied: 'Skopiowano',
    done: 'Gotowe',
  },
  images: {
    upload: 'Prześlij obraz',
    replace: 'Zmień',
    remove: 'Usuń',
    saved: 'Obraz został zapisany.',
    removed: 'Obraz został usunięty.',
    types: 'PNG, JPEG lub WebP',
  },
  nav: {
    label: 'Główne',
    inbox: 'Skrzynka',
    stays: 'Zameldowanie',
    admin: 'Administracja',
    platform: 'Platforma',
    account: 'Konto',
    queuedBadge: 'Zgłoszenia w kolejce: {{count}}',
  },
  clock: {
    times: 'Godziny w strefie {{zone}}',
    now: 'W strefie {{zone}} jest {{time}}',
  },
  connection: {
    offline: 'Brak połączenia — łączenie…',
    connecting: 'Łączenie…',
  },
  roles: {
    admin: 'Administrator',
    agent: 'Recepcja',
    dispatcher: 'Dyspozytor',
    field: 'Pracownik terenowy',
    superadmin: 'Właściciel platformy',
  },
  plans: {
    free: 'Darmowy',
    team: 'Zespół',
    business: 'Biznes',
  },
  status: {
    queued: 'W kolejce',
    open: 'Otwarte',
    resolved: 'Rozwiązane',
  },
  userMenu: {
    label: 'Menu konta: {{name}}',
    language: 'Język',
    signOut: 'Wyloguj się',
  },
  presence: {
    label: 'Twoja dostępność',
    online: 'Dostępny',
    away: 'Zaraz wracam',
    offline: 'Niedostępny',
    team: 'Zespół',
    teamCount: 'Zespół — dostępni: {{count}}',
    noColleagues: 'Nikogo innego nie ma jeszcze przy recepcji.',
    failed: 'Nie udało się zmienić dostępności',
  },
  shift: {
    end: 'Zakończ zmianę…',
    title: 'Zakończ zmianę',
    body: 'Przekazać Twoje otwarte zgłoszenia ({{n}})? Wrócą do kolejek swoich zespołów, a Twoja dostępność zmieni się na „Zaraz wracam”.',
    bodyNone: 'Nie masz otwartych zgłoszeń. Twoja dostępność zmieni się na „Zaraz wracam”.',
    confirm: 'Zakończ zmianę',
    done: 'Zmiana zakończona',
    handedOver: 'Przekazane zgłoszenia: {{n}}. Masz teraz status „Zaraz wracam”.',
  },
  alerts: {
    newRequest: 'Nowe zgłoszenie',
    fromRoom: 'Pokój {{room}}',
    fromVisitor: '{{name}}',
    escalated: 'Za długie oczekiwanie · {{team}}',
    escalatedBody: '{{who}} czeka ponad {{minutes}} min na {{reply}}. Priorytet teraz: {{priority}}.',
    firstReply: 'pierwszą odpowiedź',
    nextReply: 'odpowiedź',
    urgent: 'Pilne zgłoszenie',
    urgentBody: '{{who}} · {{team}}',
    noTeam: 'bez zespołu',
    sound: 'Dźwięk nowych zgłoszeń',
    soundOn: 'Dźwięk nowych zgłoszeń włączony',
    soundOff: 'Dźwięk wyłączony',
    enableNotifications: 'Włącz powiadomienia na pulpicie',
    notificationsOn: 'Powiadomienia na pulpicie są włączone',
    notificationsBlocked: 'Powiadomienia są zablokowane w ustawieniach przeglądarki',
    notificationsUnsupported: 'Ta przeglądarka nie pokazuje powiadomień na pulpicie',
  },
};

const shellDe: Strings<typeof shellEn> = {
  shared: {
    cancel: 'Abbrechen',
    save: 'Speichern',
    copy: 'Kopieren',
    copied: 'Kopiert',
    done: 'Fertig',
  },
  images: {
    upload: 'Bild hochladen',
    replace: 'Ersetzen',
    remove: 'Entfernen',
    saved: 'Das Bild ist gespeichert.',
    removed: 'Das Bild ist entfernt.',
    types: 'PNG, JPEG oder WebP',
  },
  nav: {
    label: 'Hauptmenü',
    inbox: 'Posteingang',
    stays: 'Check-in',
    admin: 'Verwaltung',
    platform: 'Plattform',
    account: 'Konto',
    queuedBadge: 'Anfragen in der Warteschlange: {{count}}',
  },
  clock: {
    times: 'Zeiten in {{zone}}',
    now: 'In {{zone}} ist es {{time}}',
  },
  connection: {
    offline: 'Offline — verbinde neu…',
    connecting: 'Verbinde…',
  },
  roles: {
    admin: 'Admin',
    agent: 'Rezeption',
    dispatcher: 'Disposition',
    field: 'Außendienst',
    superadmin: 'Plattformbetreiber',
  },
  plans: {
    free: 'Kostenlos',
    team: 'Team',
    business: 'Business',
  },
  status: {
    queued: 'Wartend',
    open: 'Offen',
    resolved: 'Erledigt',
  },
  userMenu: {
    label: 'Kontomenü von {{name}}',
    language: 'Sprache',
    signOut: 'Abmelden',
  },
  presence: {
    label: 'Ihre Verfügbarkeit',
    online: 'Online',
    away: 'Abwesend',
    offline: 'Offline',
    team: 'Team',
    teamCount: 'Team — online: {{count}}',
    noColleagues: 'Noch keine Kolleginnen oder Kollegen an der Rezeption.',
    failed: 'Die Verfügbarkeit konnte nicht geändert werden',
  },
  shift: {
    end: 'Schicht beenden…',
    title: 'Schicht beenden',
    body: 'Ihre offenen Anfragen ({{n}}) übergeben? Sie gehen zurück in die Warteschlangen ihrer Teams, und Ihre Verfügbarkeit wird „Abwesend“.',
    bodyNone: 'Sie haben keine offenen Anfragen. Ihre Verfügbarkeit wird „Abwesend“.',
    confirm: 'Schicht beenden',
    done: 'Schicht beendet',
    handedOver: 'Übergebene Anfragen: {{n}}. Sie sind jetzt abwesend.',
  },
  alerts: {
    newRequest: 'Neue Anfrage',
    fromRoom: 'Zimmer {{room}}',
    fromVisitor: '{{name}}',
    escalated: 'Zu lange Wartezeit · {{team}}',
    escalatedBody: '{{who}} wartet seit über {{minutes}} Min. auf eine {{reply}}. Priorität jetzt: {{priority}}.',
    firstReply: 'erste Antwort',
    nextReply: 'Antwort',
    urgent: 'Dringende Anfrage',
    urgentBody: '{{who}} · {{team}}',
    noTeam: 'ohne Team',
    sound: 'Ton für neue Anfragen',
    soundOn: 'Ton für neue Anfragen ist an',
    soundOff: 'Ton aus',
    enableNotifications: 'Desktop-Benachrichtigungen einschalten',
    notificationsOn: 'Desktop-Benachrichtigungen sind an',
    notificationsBlocked: 'Desktop-Benachrichtigungen sind in den Browsereinstellungen blockiert',
    notificationsUnsupported: 'Dieser Browser kann keine Desktop-Benachrichtigungen anzeigen',
  },
};

/** The `staff` namespace in English: the shell's texts and every feature's; the source of the typed keys. */
export const staffEn = {
  ...shellEn,
  ...authStrings.en,
  ...inboxStrings.en,
  ...staysStrings.en,
  ...accountStrings.en,
  ...adminStrings.en,
  ...platformStrings.en,
  ...cannedStrings.en,
  ...customersStrings.en,
  ...leadsStrings.en,
  ...metricsStrings.en,
  ...emailsStrings.en,
  ...labelsStrings.en,
  ...tagsStrings.en,
  ...webhooksStrings.en,
  ...workStrings.en,
  ...myWorkStrings.en,
  ...apiKeysStrings.en,
  ...liveAlertsStrings.en,
  ...ssoStrings.en,
};

export const staffStrings: Record<Language, Strings<typeof staffEn>> = {
  en: staffEn,
  pl: {
    ...shellPl,
    ...authStrings.pl,
    ...inboxStrings.pl,
    ...staysStrings.pl,
    ...accountStrings.pl,
    ...adminStrings.pl,
    ...platformStrings.pl,
    ...cannedStrings.pl,
    ...customersStrings.pl,
    ...leadsStrings.pl,
    ...metricsStrings.pl,
    ...emailsStrings.pl,
    ...labelsStrings.pl,
    ...tagsStrings.pl,
    ...webhooksStrings.pl,
    ...workStrings.pl,
    ...myWorkStrings.pl,
    ...apiKeysStrings.pl,
    ...liveAlertsStrings.pl,
    ...ssoStrings.pl,
  },
  de: {
    ...shellDe,
    ...authStrings.de,
    ...inboxStrings.de,
    ...staysStrings.de,
    ...accountStrings.de,
    ...adminStrings.de,
    ...platformStrings.de,
    ...cannedStrings.de,
    ...customersStrings.de,
    ...leadsStrings.de,
    ...metricsStrings.de,
    ...emailsStrings.de,
    ...labelsStrings.de,
    ...tagsStrings.de,
    ...webhooksStrings.de,
    ...workStrings.de,
    ...myWorkStrings.de,
    ...apiKeysStrings.de,
    ...liveAlertsStrings.de,
    ...ssoStrings.de,
  },
};
