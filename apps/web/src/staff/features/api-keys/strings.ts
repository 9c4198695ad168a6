import type { Language, Strings } from '../../../i18n/languages';

// API keys: what other systems use to act for the organization over the REST API.
const en = {
  apiKeys: {
    nav: 'API keys',
    title: 'API keys',
    intro:
      'Other systems (a PMS, a CRM) use a key to read conversations and send messages for the organization. Give each system its own key with only the scopes it needs.',
    add: 'Create a key',
    name: 'Name',
    nameHelp: 'Which system uses it, e.g. “Opera PMS”',
    scopes: 'Scopes',
    scopesHelp: 'What the key may do',
    key: 'Key',
    created: 'Created ({{zone}})',
    lastUsed: 'Last used ({{zone}})',
    never: 'Never',
    status: 'Status',
    active: 'In use',
    revokedAt: 'Revoked {{when}}',
    empty: 'No API keys yet.',
    create: 'Create',
    revoke: 'Revoke {{name}}',
    revokeShort: 'Revoke',
    revokeConfirm: 'Revoke this key? The system using it is refused from its next request on. This cannot be undone.',
    revoked: 'The key is revoked.',
    secretTitle: 'The new API key',
    secretOnce:
      'Copy it now and keep it in the other system: Frontdesk shows it only this once and keeps only a fingerprint of it.',
    // keys without ':' (i18next reads it as a namespace separator)
    scope: {
      conversations_read: 'Read conversations and messages',
      messages_send: 'Send messages',
      stays_manage: 'Manage stays',
      customers_manage: 'Manage customers and leads',
      reports_read: 'Read reports',
    },
  },
};

const pl: Strings<typeof en> = {
  apiKeys: {
    nav: 'Klucze API',
    title: 'Klucze API',
    intro:
      'Inne systemy (PMS, CRM) używają klucza, by czytać rozmowy i wysyłać wiadomości w imieniu organizacji. Daj każdemu systemowi osobny klucz tylko z potrzebnymi uprawnieniami.',
    add: 'Utwórz klucz',
    name: 'Nazwa',
    nameHelp: 'Który system go używa, np. „Opera PMS”',
    scopes: 'Uprawnienia',
    scopesHelp: 'Co klucz może robić',
    key: 'Klucz',
    created: 'Utworzony ({{zone}})',
    lastUsed: 'Ostatnio użyty ({{zone}})',
    never: 'Nigdy',
    status: 'Stan',
    active: 'W użyciu',
    revokedAt: 'Unieważniony {{when}}',
    empty: 'Nie ma jeszcze kluczy API.',
    create: 'Utwórz',
    revoke: 'Unieważnij {{name}}',
    revokeShort: 'Unieważnij',
    revokeConfirm:
      'Unieważnić ten klucz? System, który go używa, zostanie odrzucony od następnego żądania. Tego nie da się cofnąć.',
    revoked: 'Klucz jest unieważniony.',
    secretTitle: 'Nowy klucz API',
    secretOnce:
      'Skopiuj go teraz i zachowaj w drugim systemie: Frontdesk pokazuje go tylko ten jeden raz i przechowuje tylko jego odcisk.',
    scope: {
      conversations_read: 'Czytanie rozmów i wiadomości',
      messages_send: 'Wysyłanie wiadomości',
      stays_manage: 'Zarządzanie pobytami',
      customers_manage: 'Zarządzanie klientami i leadami',
      reports_read: 'Czytanie raportów',
    },
  },
};

const de: Strings<typeof en> = {
  apiKeys: {
    nav: 'API-Schlüssel',
    title: 'API-Schlüssel',
    intro:
      'Andere Systeme (ein PMS, ein CRM) lesen mit einem Schlüssel Unterhaltungen und senden Nachrichten für die Organisation. Geben Sie jedem System einen eigenen Schlüssel mit nur den nötigen Rechten.',
    add: 'Schlüssel erstellen',
    name: 'Name',
    nameHelp: 'Welches System ihn nutzt, z. B. „Opera PMS“',
    scopes: 'Rechte',
    scopesHelp: 'Was der Schlüssel darf',
    key: 'Schlüssel',
    created: 'Erstellt ({{zone}})',
    lastUsed: 'Zuletzt genutzt ({{zone}})',
    never: 'Nie',
    status: 'Status',
    active: 'In Gebrauch',
    revokedAt: 'Widerrufen {{when}}',
    empty: 'Noch keine API-Schlüssel.',
    create: 'Erstellen',
    revoke: '{{name}} widerrufen',
    revokeShort: 'Widerrufen',
    revokeConfirm:
      'Diesen Schlüssel widerrufen? Das System, das ihn nutzt, wird ab seiner nächsten Anfrage abgewiesen. Das lässt sich nicht rückgängig machen.',
    revoked: 'Der Schlüssel ist widerrufen.',
    secretTitle: 'Der neue API-Schlüssel',
    secretOnce:
      'Kopieren Sie ihn jetzt und hinterlegen Sie ihn im anderen System: Frontdesk zeigt ihn nur dieses eine Mal und behält nur einen Fingerabdruck davon.',
    scope: {
      conversations_read: 'Unterhaltungen und Nachrichten lesen',
      messages_send: 'Nachrichten senden',
      stays_manage: 'Aufenthalte verwalten',
      customers_manage: 'Kunden und Leads verwalten',
      reports_read: 'Berichte lesen',
    },
  },
};

export const apiKeysStrings = { en, pl, de } satisfies Record<Language, Strings<typeof en>>;
