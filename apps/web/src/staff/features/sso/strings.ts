import type { Language, Strings } from '../../../i18n/languages';

// Single sign-on: the organization's OpenID Connect provider (Keycloak, Entra ID, Google Workspace, Okta).
const en = {
  sso: {
    section: 'Single sign-on',
    title: 'Single sign-on (OpenID Connect)',
    intro:
      'Let your staff sign in with your organization’s identity provider (Keycloak, Microsoft Entra ID, Google Workspace, Okta). Register Frontdesk there as a confidential client with the redirect address below.',
    redirectUri: 'Redirect address to register at the provider',
    copy: 'Copy',
    copied: 'Copied',
    issuer: 'Issuer URL',
    issuerHelp:
      'For Keycloak: https://<your keycloak>/realms/<realm>. For Microsoft Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0, and add the optional ID token claims email and xms_edov in the app registration, or sign-ins are refused (Entra does not say the e-mail is verified otherwise).',
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    clientSecretSet: 'A secret is saved. Type a new one only to replace it.',
    clientSecretNone: 'No secret saved yet.',
    enabled: 'Staff may sign in through the provider',
    allowSignUp: 'Make an account on first sign-in',
    allowSignUpHelp:
      'Someone the provider knows, with a verified e-mail and no account yet, gets one. Each new account takes a seat of your plan.',
    signUpRole: 'Role of new accounts',
    passwordOff: 'Switch password sign-in off',
    passwordOffHelp:
      'Your staff can then only sign in through the provider. The platform super admin still signs in with a password, and can switch this back on if the provider is down.',
    save: 'Save',
    saved: 'The single sign-on settings are saved.',
  },
};

const pl: Strings<typeof en> = {
  sso: {
    section: 'Logowanie jednokrotne',
    title: 'Logowanie jednokrotne (OpenID Connect)',
    intro:
      'Pozwól personelowi logować się przez dostawcę tożsamości Twojej organizacji (Keycloak, Microsoft Entra ID, Google Workspace, Okta). Zarejestruj tam Frontdesk jako klienta poufnego z poniższym adresem przekierowania.',
    redirectUri: 'Adres przekierowania do zarejestrowania u dostawcy',
    copy: 'Kopiuj',
    copied: 'Skopiowano',
    issuer: 'Adres wydawcy (issuer)',
    issuerHelp:
      'Dla Keycloak: https://<twój keycloak>/realms/<realm>. Dla Microsoft Entra ID: https://login.microsoftonline.com/<id dzierżawy>/v2.0 i dodaj w rejestracji aplikacji opcjonalne oświadczenia tokenu ID email i xms_edov, inaczej logowania są odrzucane (bez nich Entra nie potwierdza adresu e-mail).',
    clientId: 'Identyfikator klienta',
    clientSecret: 'Sekret klienta',
    clientSecretSet: 'Sekret jest zapisany. Wpisz nowy tylko, aby go zastąpić.',
    clientSecretNone: 'Nie zapisano jeszcze sekretu.',
    enabled: 'Personel może logować się przez dostawcę',
    allowSignUp: 'Twórz konto przy pierwszym logowaniu',
    allowSignUpHelp:
      'Osoba znana dostawcy, ze zweryfikowanym adresem e-mail i bez konta, dostaje je. Każde nowe konto zajmuje miejsce w Twoim planie.',
    signUpRole: 'Rola nowych kont',
    passwordOff: 'Wyłącz logowanie hasłem',
    passwordOffHelp:
      'Personel będzie mógł logować się tylko przez dostawcę. Superadministrator platformy nadal loguje się hasłem i może to przywrócić, gdy dostawca nie działa.',
    save: 'Zapisz',
    saved: 'Ustawienia logowania jednokrotnego zapisane.',
  },
};

const de: Strings<typeof en> = {
  sso: {
    section: 'Single Sign-on',
    title: 'Single Sign-on (OpenID Connect)',
    intro:
      'Lassen Sie Ihr Personal sich über den Identitätsanbieter Ihrer Organisation anmelden (Keycloak, Microsoft Entra ID, Google Workspace, Okta). Registrieren Sie Frontdesk dort als vertraulichen Client mit der Weiterleitungsadresse unten.',
    redirectUri: 'Beim Anbieter zu registrierende Weiterleitungsadresse',
    copy: 'Kopieren',
    copied: 'Kopiert',
    issuer: 'Issuer-URL',
    issuerHelp:
      'Für Keycloak: https://<Ihr Keycloak>/realms/<Realm>. Für Microsoft Entra ID: https://login.microsoftonline.com/<Mandanten-ID>/v2.0, und fügen Sie in der App-Registrierung die optionalen ID-Token-Ansprüche email und xms_edov hinzu, sonst werden Anmeldungen abgelehnt (ohne sie bestätigt Entra die E-Mail-Adresse nicht).',
    clientId: 'Client-ID',
    clientSecret: 'Client-Secret',
    clientSecretSet: 'Ein Secret ist gespeichert. Geben Sie nur zum Ersetzen ein neues ein.',
    clientSecretNone: 'Noch kein Secret gespeichert.',
    enabled: 'Personal darf sich über den Anbieter anmelden',
    allowSignUp: 'Konto bei der ersten Anmeldung anlegen',
    allowSignUpHelp:
      'Wer dem Anbieter bekannt ist, eine bestätigte E-Mail-Adresse und noch kein Konto hat, bekommt eines. Jedes neue Konto belegt einen Platz Ihres Tarifs.',
    signUpRole: 'Rolle neuer Konten',
    passwordOff: 'Anmeldung mit Passwort ausschalten',
    passwordOffHelp:
      'Ihr Personal kann sich dann nur über den Anbieter anmelden. Der Plattform-Superadmin meldet sich weiter mit Passwort an und kann dies wieder einschalten, wenn der Anbieter ausfällt.',
    save: 'Speichern',
    saved: 'Die Single-Sign-on-Einstellungen sind gespeichert.',
  },
};

export const ssoStrings = { en, pl, de } satisfies Record<Language, Strings<typeof en>>;
