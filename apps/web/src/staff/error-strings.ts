import type { StaffErrorCode } from '../api/errors';
import type { Language } from '../i18n';

/**
 * The words for the API errors only staff screens meet (settings, integrations, the inbox's own
 * conflicts). They load with the staff app, so the guest's first load does not carry them; the
 * rest are in the `common` namespace (i18n/locales/common.ts).
 */
const en = {
  email_taken: 'Someone already uses this email address.',
  slug_taken: 'This address is already taken. Please choose another one.',
  seat_limit_reached: 'All seats of your plan are in use.',
  plan_feature_unavailable: 'Your plan does not include this. The platform owner can upgrade it.',
  last_admin: 'An organization must keep at least one admin.',
  cannot_modify_self: 'You cannot change this on your own account.',
  room_occupied: 'A guest is already checked in to this room.',
  room_number_taken: 'A room with this number already exists.',
  team_name_taken: 'A team with this name already exists.',
  shortcut_taken: 'A canned response with this shortcut already exists.',
  tag_name_taken: 'There is already a tag with this name.',
  webhook_url_refused: 'Webhooks need a public http(s) address.',
  too_many_webhooks: 'This organization has as many webhooks as it may keep.',
  push_endpoint_refused: 'This browser’s push service cannot be reached from the server.',
  api_key_invalid: 'This API key is unknown or was revoked.',
  api_key_scope_missing: 'This API key may not do this.',
  too_many_api_keys: 'Too many API keys in use: revoke one first.',
  idempotency_key_reused: 'This request key was already used for another request.',
  idempotency_key_in_flight: 'An earlier try of this request is still running.',
  export_too_large: 'The files are too many to download at once: download the JSON or the page instead.',
  too_many_tags: 'That is more tags than allowed.',
  already_taken: 'A colleague has already taken this request.',
  not_mergeable: 'Only two different requests of the same guest can be merged.',
  label_taken: 'This label already belongs to another customer: ask the office to move it.',
  merge_not_undoable: 'This merge can no longer be undone.',
  already_sent: 'This message has already been sent or cancelled.',
  already_resolved: 'This request is already resolved.',
  illegal_transition: 'This task cannot move to that status from where it is now.',
  password_sign_in_disabled:
    'Your organization signs in through its identity provider: use “Sign in with your organization”.',
  sso_not_configured:
    'This organization does not sign in through an identity provider. Check its address, or sign in with your password.',
  sso_failed: 'Signing in through your organization did not work. Please try again.',
  sso_email_unverified: 'Your identity provider has not confirmed your e-mail address. Ask your IT team to verify it.',
  sso_no_account: 'There is no Frontdesk account for your e-mail yet. Ask your admin to add you.',
  sso_issuer_refused:
    'This issuer cannot be used: it must be a public address this server can reach (the operator may allow private ones).',
} satisfies Record<StaffErrorCode, string>;

export const staffErrorStrings: Record<Language, Record<StaffErrorCode, string>> = {
  en,
  pl: {
    email_taken: 'Ten adres e-mail jest już używany.',
    slug_taken: 'Ten adres jest już zajęty. Wybierz inny.',
    seat_limit_reached: 'Wszystkie miejsca w Twoim planie są zajęte.',
    plan_feature_unavailable: 'Twój plan tego nie obejmuje. Właściciel platformy może go zmienić.',
    last_admin: 'Organizacja musi mieć co najmniej jednego administratora.',
    cannot_modify_self: 'Nie możesz zmienić tego na własnym koncie.',
    room_occupied: 'W tym pokoju jest już zameldowany gość.',
    room_number_taken: 'Pokój o tym numerze już istnieje.',
    team_name_taken: 'Zespół o tej nazwie już istnieje.',
    shortcut_taken: 'Gotowa odpowiedź z tym skrótem już istnieje.',
    tag_name_taken: 'Etykieta o tej nazwie już istnieje.',
    webhook_url_refused: 'Webhook wymaga publicznego adresu http(s).',
    too_many_webhooks: 'Organizacja ma już najwięcej webhooków, ile może mieć.',
    push_endpoint_refused: 'Serwer nie może połączyć się z usługą powiadomień tej przeglądarki.',
    api_key_invalid: 'Nieznany lub unieważniony klucz API.',
    api_key_scope_missing: 'Ten klucz API nie ma do tego uprawnień.',
    too_many_api_keys: 'Za dużo kluczy API: najpierw unieważnij któryś.',
    idempotency_key_reused: 'Ten klucz żądania użyto już dla innego żądania.',
    idempotency_key_in_flight: 'Poprzednia próba tego żądania jeszcze trwa.',
    export_too_large: 'Plików jest za dużo, by pobrać je naraz: pobierz JSON albo stronę.',
    too_many_tags: 'To więcej etykiet, niż można.',
    already_taken: 'Ktoś z zespołu przejął już to zgłoszenie.',
    not_mergeable: 'Połączyć można tylko dwa różne zgłoszenia tego samego gościa.',
    label_taken: 'Ta etykieta należy już do innego klienta: poproś biuro o jej przeniesienie.',
    merge_not_undoable: 'Tego połączenia nie można już cofnąć.',
    already_sent: 'Ta wiadomość została już wysłana lub anulowana.',
    already_resolved: 'To zgłoszenie jest już rozwiązane.',
    illegal_transition: 'Tego zadania nie można teraz przenieść do tego statusu.',
    password_sign_in_disabled:
      'Twoja organizacja loguje się przez swojego dostawcę tożsamości: użyj „Zaloguj się przez organizację”.',
    sso_not_configured:
      'Ta organizacja nie loguje się przez dostawcę tożsamości. Sprawdź jej adres albo zaloguj się hasłem.',
    sso_failed: 'Logowanie przez organizację nie powiodło się. Spróbuj ponownie.',
    sso_email_unverified:
      'Twój dostawca tożsamości nie potwierdził Twojego adresu e-mail. Poproś dział IT o jego weryfikację.',
    sso_no_account: 'Nie ma jeszcze konta Frontdesk dla Twojego adresu e-mail. Poproś administratora o dodanie.',
    sso_issuer_refused:
      'Tego wystawcy nie można użyć: musi to być publiczny adres osiągalny dla serwera (operator może zezwolić na prywatne).',
  },
  de: {
    email_taken: 'Diese E-Mail-Adresse wird bereits verwendet.',
    slug_taken: 'Diese Adresse ist bereits vergeben. Bitte wählen Sie eine andere.',
    seat_limit_reached: 'Alle Plätze Ihres Tarifs sind belegt.',
    plan_feature_unavailable: 'Ihr Tarif enthält das nicht. Der Plattformbetreiber kann ihn ändern.',
    last_admin: 'Eine Organisation muss mindestens einen Admin behalten.',
    cannot_modify_self: 'Das können Sie an Ihrem eigenen Konto nicht ändern.',
    room_occupied: 'In diesem Zimmer ist bereits ein Gast eingecheckt.',
    room_number_taken: 'Ein Zimmer mit dieser Nummer gibt es bereits.',
    team_name_taken: 'Ein Team mit diesem Namen gibt es bereits.',
    shortcut_taken: 'Eine Textvorlage mit diesem Kürzel gibt es bereits.',
    tag_name_taken: 'Ein Schlagwort mit diesem Namen gibt es bereits.',
    webhook_url_refused: 'Webhooks brauchen eine öffentliche http(s)-Adresse.',
    too_many_webhooks: 'Diese Organisation hat schon so viele Webhooks, wie sie haben darf.',
    push_endpoint_refused: 'Der Server erreicht den Push-Dienst dieses Browsers nicht.',
    api_key_invalid: 'Unbekannter oder widerrufener API-Schlüssel.',
    api_key_scope_missing: 'Dieser API-Schlüssel darf das nicht.',
    too_many_api_keys: 'Zu viele API-Schlüssel: widerrufen Sie zuerst einen.',
    idempotency_key_reused: 'Dieser Anfrageschlüssel wurde schon für eine andere Anfrage benutzt.',
    idempotency_key_in_flight: 'Ein früherer Versuch dieser Anfrage läuft noch.',
    export_too_large: 'Zu viele Dateien für einen Download: Laden Sie stattdessen JSON oder die Seite herunter.',
    too_many_tags: 'Das sind mehr Schlagwörter als erlaubt.',
    already_taken: 'Eine Kollegin oder ein Kollege hat diese Anfrage bereits übernommen.',
    not_mergeable: 'Nur zwei verschiedene Anfragen desselben Gastes lassen sich zusammenführen.',
    label_taken: 'Dieses Etikett gehört schon einem anderen Kunden: Bitte das Büro, es umzuhängen.',
    merge_not_undoable: 'Diese Zusammenführung lässt sich nicht mehr rückgängig machen.',
    already_sent: 'Diese Nachricht wurde bereits gesendet oder storniert.',
    already_resolved: 'Diese Anfrage ist bereits erledigt.',
    illegal_transition: 'Diese Aufgabe kann von ihrem jetzigen Stand nicht in diesen Status wechseln.',
    password_sign_in_disabled:
      'Ihre Organisation meldet sich über ihren Identitätsanbieter an: Nutzen Sie „Mit Ihrer Organisation anmelden“.',
    sso_not_configured:
      'Diese Organisation meldet sich nicht über einen Identitätsanbieter an. Prüfen Sie die Adresse oder melden Sie sich mit Passwort an.',
    sso_failed: 'Die Anmeldung über Ihre Organisation hat nicht geklappt. Bitte versuchen Sie es erneut.',
    sso_email_unverified:
      'Ihr Identitätsanbieter hat Ihre E-Mail-Adresse nicht bestätigt. Bitten Sie Ihre IT, sie zu verifizieren.',
    sso_no_account:
      'Für Ihre E-Mail-Adresse gibt es noch kein Frontdesk-Konto. Bitten Sie Ihren Admin, Sie hinzuzufügen.',
    sso_issuer_refused:
      'Dieser Aussteller kann nicht verwendet werden: Er muss eine öffentliche, vom Server erreichbare Adresse sein (der Betreiber kann private erlauben).',
  },
};
