import type { Role } from '@frontdesk/protocol';
import type { Translations } from '../../platform/i18n.js';

/** What one e-mail says, before the layout (layout.ts) turns it into HTML and plain text. */
export interface MailContent {
  subject: string;
  /** Paragraphs, plain text. */
  lines: string[];
  /** The one button (and link in the text part). */
  action?: { label: string; url: string };
  /** Messages quoted in the e-mail. */
  quotes?: string[];
}

export interface TemplateParams {
  staff_welcome: { name: string; setPasswordUrl: string; expiresAt: string };
  staff_role_changed: { name: string; role: Role; signInUrl: string };
  staff_deactivated: { name: string };
  organization_updated: { changed: string[]; settingsUrl: string };
  organization_deactivated: Record<string, never>;
  new_messages_staff: { contact: string; count: number; quotes: string[]; url: string };
  new_messages_guest: { count: number; quotes: string[]; url: string };
  lead_created: { customer: string; form: string; campaign: string; url: string };
  lead_status_changed: {
    name: string;
    form: string;
    status: 'new' | 'contacted' | 'converted' | 'lost';
    reason: string | null;
    url: string;
  };
  webhook_disabled: { url: string; failures: number; reason: string; webhooksUrl: string };
  alert_raised: {
    kind: 'low_rating' | 'alarming_word' | 'negative_mood' | 'sla_breach';
    rating: number | null;
    word: string | null;
    targetMinutes: number | null;
    contact: string;
    url: string;
    alertsUrl: string;
  };
  customer_code: { name: string; code: string; minutes: number };
  /** A customer's work order: booked (a lead converted), moved to another time, or cancelled. */
  work_order_notice: {
    name: string;
    title: string;
    change: 'booked' | 'moved' | 'cancelled';
    /** The scheduled window (or due time) in words, on the organization's clock, with its zone. */
    when: string | null;
    reason: string | null;
    url: string;
  };
  /** After the stay, to a guest who asked for it: each request, when, how it began, how it ended. */
  stay_summary: { name: string | null; requests: StaySummaryRequest[] };
}

/** One request of a stay summary, in words made on the organization's clock. */
export interface StaySummaryRequest {
  when: string;
  /** The first line of the guest's first message. */
  firstLine: string;
  resolved: boolean;
  rating: number | null;
  /** Titles of the tasks done for it. */
  done: string[];
}

type Templates = { [T in keyof TemplateParams]: (p: TemplateParams[T], org: string) => MailContent };

interface MailStrings {
  templates: Templates;
  roles: Record<Role, string>;
  settings: Record<string, string>;
  /** Under every e-mail: who sent it and why. */
  footer: (org: string) => string;
  unsubscribe: string;
  /** A guest whose name the desk does not know. */
  aGuest: string;
}

/** Every e-mail in every language the product speaks (a missing one fails to compile). */
export const mailStrings: Translations<MailStrings> = {
  en: {
    templates: {
      staff_welcome: (p, org) => ({
        subject: `Welcome to ${org} on Frontdesk`,
        lines: [
          `Hello ${p.name},`,
          `You have a staff account at ${org}. Choose your password to sign in.`,
          `This link works once, until ${p.expiresAt}.`,
        ],
        action: { label: 'Choose my password', url: p.setPasswordUrl },
      }),
      staff_role_changed: (p, org) => ({
        subject: `Your role at ${org} is now ${mailStrings.en.roles[p.role]}`,
        lines: [`Hello ${p.name},`, `An admin changed your role at ${org} to ${mailStrings.en.roles[p.role]}.`],
        action: { label: 'Sign in', url: p.signInUrl },
      }),
      staff_deactivated: (p, org) => ({
        subject: `Your account at ${org} was deactivated`,
        lines: [
          `Hello ${p.name},`,
          `An admin deactivated your staff account at ${org}; you were signed out everywhere.`,
          'If this is a mistake, ask your admin to reactivate it.',
        ],
      }),
      organization_updated: (p, org) => ({
        subject: `The settings of ${org} were changed`,
        lines: [`These settings of ${org} were changed: ${p.changed.join(', ')}.`],
        action: { label: 'See the settings', url: p.settingsUrl },
      }),
      organization_deactivated: (_p, org) => ({
        subject: `${org} was deactivated on Frontdesk`,
        lines: [
          `The platform owner deactivated ${org}. Its staff were signed out and cannot sign in until it is active again.`,
        ],
      }),
      new_messages_staff: (p) => ({
        subject: p.count === 1 ? `A new message from ${p.contact}` : `${p.count} new messages from ${p.contact}`,
        lines: [`${p.contact} wrote while you were away:`],
        quotes: p.quotes,
        action: { label: 'Answer in the inbox', url: p.url },
      }),
      new_messages_guest: (p, org) => ({
        subject: p.count === 1 ? `A new message from ${org}` : `${p.count} new messages from ${org}`,
        lines: [`${org} answered your request:`],
        quotes: p.quotes,
        action: { label: 'Open the chat', url: p.url },
      }),
      lead_created: (p) => ({
        subject: `New request from ${p.customer}: ${p.form}`,
        lines: [`${p.customer} sent “${p.form}”${p.campaign ? ` (campaign ${p.campaign})` : ''}.`],
        action: { label: 'Open the leads', url: p.url },
      }),
      lead_status_changed: (p, org) => ({
        subject: `Your request “${p.form}” at ${org}`,
        lines: [
          `Hello ${p.name},`,
          {
            new: `${org} has your request “${p.form}”.`,
            contacted: `${org} is working on your request “${p.form}”.`,
            converted: `Good news: ${org} has booked the work for your request “${p.form}”.`,
            lost: `${org} closed your request “${p.form}”${p.reason ? `: ${p.reason}` : '.'}`,
          }[p.status],
        ],
        action: { label: 'Open the chat', url: p.url },
      }),
      webhook_disabled: (p, org) => ({
        subject: `A webhook of ${org} was switched off`,
        lines: [
          `Frontdesk could not deliver events to ${p.url}: ${p.failures} deliveries in a row failed for a day each, so the webhook is switched off.`,
          `The last try said: ${p.reason}`,
          'Fix the receiver, then switch the webhook on again; what failed can be replayed from its list of deliveries.',
        ],
        action: { label: 'Open the webhooks', url: p.webhooksUrl },
      }),
      alert_raised: (p, org) => {
        const what = {
          low_rating: `Low rating: ${p.rating} ${p.rating === 1 ? 'star' : 'stars'} from ${p.contact}`,
          alarming_word: `Alarming word: “${p.word}” from ${p.contact}`,
          negative_mood: `Negative mood: ${p.contact} sounds clearly unhappy`,
          sla_breach: `Waiting too long: ${p.contact} waited more than ${p.targetMinutes} minutes for a reply`,
        }[p.kind];
        return {
          subject: `${org}: ${what}`,
          lines: [what, 'Open the conversation to see what happened, then acknowledge the alert in the alerts list.'],
          action: { label: 'Open the conversation', url: p.url },
        };
      },
      stay_summary: (p, org) => ({
        subject: `Your stay at ${org}: your requests`,
        lines: [
          p.name ? `Hello ${p.name},` : 'Hello,',
          `Thank you for staying at ${org}. Here are your requests and how they ended:`,
          ...p.requests.map(
            (r) =>
              `${r.when} — “${r.firstLine}”: ${r.resolved ? 'resolved' : 'still open'}` +
              (r.rating ? `, you rated it ${r.rating} of 5` : '') +
              (r.done.length ? `. Done: ${r.done.join('; ')}` : '') +
              '.',
          ),
          'You asked for this summary on your guest page.',
        ],
      }),
      work_order_notice: (p, org) => ({
        subject: {
          booked: `${org} booked your visit: ${p.title}`,
          moved: `${org} moved your visit: ${p.title}`,
          cancelled: `${org} cancelled your visit: ${p.title}`,
        }[p.change],
        lines: [
          `Hello ${p.name},`,
          {
            booked: `${org} booked “${p.title}”${p.when ? ` for ${p.when}` : ''}.`,
            moved: `${org} moved “${p.title}”${p.when ? ` to ${p.when}` : ''}.`,
            cancelled: `${org} cancelled “${p.title}”${p.reason ? `: ${p.reason}` : '.'}`,
          }[p.change],
          'Questions? Answer in the chat.',
        ],
        action: { label: 'Open the chat', url: p.url },
      }),
      customer_code: (p, org) => ({
        subject: `Your code for ${org}`,
        lines: [
          `Hello ${p.name},`,
          `Your code to confirm it is you at ${org}: ${p.code}`,
          `Type it on the page your label opened. It works once, for ${p.minutes} minutes.`,
          'If you did not ask for it, you can ignore this e-mail.',
        ],
      }),
    },
    roles: { admin: 'admin', agent: 'agent', field: 'field staff' },
    settings: {
      name: 'name',
      motto: 'motto',
      logoUrl: 'logo',
      timezone: 'time zone',
      language: 'language',
      plan: 'plan',
      seatLimit: 'seats',
    },
    footer: (org) => `Sent by Frontdesk for ${org}.`,
    unsubscribe: 'Unsubscribe from these e-mails',
    aGuest: 'A guest',
  },
  pl: {
    templates: {
      staff_welcome: (p, org) => ({
        subject: `Witamy w ${org} w Frontdesk`,
        lines: [
          `Dzień dobry, ${p.name},`,
          `Masz konto pracownika w ${org}. Ustaw hasło, aby się zalogować.`,
          `Link działa jeden raz, do ${p.expiresAt}.`,
        ],
        action: { label: 'Ustaw hasło', url: p.setPasswordUrl },
      }),
      staff_role_changed: (p, org) => ({
        subject: `Twoja rola w ${org}: ${mailStrings.pl.roles[p.role]}`,
        lines: [
          `Dzień dobry, ${p.name},`,
          `Administrator zmienił Twoją rolę w ${org} na: ${mailStrings.pl.roles[p.role]}.`,
        ],
        action: { label: 'Zaloguj się', url: p.signInUrl },
      }),
      staff_deactivated: (p, org) => ({
        subject: `Twoje konto w ${org} zostało wyłączone`,
        lines: [
          `Dzień dobry, ${p.name},`,
          `Administrator wyłączył Twoje konto w ${org}; zostałeś wylogowany ze wszystkich urządzeń.`,
          'Jeśli to pomyłka, poproś administratora o ponowne włączenie.',
        ],
      }),
      organization_updated: (p, org) => ({
        subject: `Zmieniono ustawienia ${org}`,
        lines: [`Zmieniono te ustawienia ${org}: ${p.changed.join(', ')}.`],
        action: { label: 'Zobacz ustawienia', url: p.settingsUrl },
      }),
      organization_deactivated: (_p, org) => ({
        subject: `${org} zostało wyłączone w Frontdesk`,
        lines: [
          `Właściciel platformy wyłączył ${org}. Pracownicy zostali wylogowani i nie zalogują się, dopóki nie zostanie włączone.`,
        ],
      }),
      new_messages_staff: (p) => ({
        subject: p.count === 1 ? `Nowa wiadomość od: ${p.contact}` : `Nowe wiadomości (${p.count}) od: ${p.contact}`,
        lines: [`${p.contact} napisał(a) pod Twoją nieobecność:`],
        quotes: p.quotes,
        action: { label: 'Odpowiedz w skrzynce', url: p.url },
      }),
      new_messages_guest: (p, org) => ({
        subject: p.count === 1 ? `Nowa wiadomość od ${org}` : `Nowe wiadomości (${p.count}) od ${org}`,
        lines: [`${org} odpowiada na Twoją prośbę:`],
        quotes: p.quotes,
        action: { label: 'Otwórz czat', url: p.url },
      }),
      lead_created: (p) => ({
        subject: `Nowe zgłoszenie od ${p.customer}: ${p.form}`,
        lines: [`${p.customer} wysyła „${p.form}”${p.campaign ? ` (kampania ${p.campaign})` : ''}.`],
        action: { label: 'Otwórz zgłoszenia', url: p.url },
      }),
      lead_status_changed: (p, org) => ({
        subject: `Twoje zgłoszenie „${p.form}” w ${org}`,
        lines: [
          `Dzień dobry ${p.name},`,
          {
            new: `${org} ma Twoje zgłoszenie „${p.form}”.`,
            contacted: `${org} zajmuje się Twoim zgłoszeniem „${p.form}”.`,
            converted: `Dobra wiadomość: ${org} zaplanowało pracę dla Twojego zgłoszenia „${p.form}”.`,
            lost: `${org} zamyka Twoje zgłoszenie „${p.form}”${p.reason ? `: ${p.reason}` : '.'}`,
          }[p.status],
        ],
        action: { label: 'Otwórz czat', url: p.url },
      }),
      webhook_disabled: (p, org) => ({
        subject: `Webhook organizacji ${org} został wyłączony`,
        lines: [
          `Frontdesk nie mógł dostarczyć zdarzeń pod ${p.url}: ${p.failures} kolejnych dostaw nie powiodło się przez dobę każda, więc webhook został wyłączony.`,
          `Ostatnia próba: ${p.reason}`,
          'Napraw odbiorcę i włącz webhook ponownie; nieudane dostawy można powtórzyć z ich listy.',
        ],
        action: { label: 'Otwórz webhooki', url: p.webhooksUrl },
      }),
      alert_raised: (p, org) => {
        const what = {
          low_rating: `Niska ocena: ${p.rating} ${p.rating === 1 ? 'gwiazdka' : p.rating && p.rating < 5 ? 'gwiazdki' : 'gwiazdek'} od: ${p.contact}`,
          alarming_word: `Niepokojące słowo: „${p.word}” od: ${p.contact}`,
          negative_mood: `Zły nastrój: ${p.contact} pisze wyraźnie niezadowolony(-a)`,
          sla_breach: `Zbyt długie czekanie: ${p.contact} czeka na odpowiedź ponad ${p.targetMinutes} min`,
        }[p.kind];
        return {
          subject: `${org}: ${what}`,
          lines: [what, 'Otwórz rozmowę, by zobaczyć, co się stało, a potem potwierdź alert na liście alertów.'],
          action: { label: 'Otwórz rozmowę', url: p.url },
        };
      },
      stay_summary: (p, org) => ({
        subject: `Twój pobyt w ${org}: Twoje prośby`,
        lines: [
          p.name ? `Dzień dobry, ${p.name},` : 'Dzień dobry,',
          `Dziękujemy za pobyt w ${org}. Oto Twoje prośby i ich wynik:`,
          ...p.requests.map(
            (r) =>
              `${r.when} — „${r.firstLine}”: ${r.resolved ? 'załatwiona' : 'wciąż otwarta'}` +
              (r.rating ? `, Twoja ocena: ${r.rating} z 5` : '') +
              (r.done.length ? `. Wykonano: ${r.done.join('; ')}` : '') +
              '.',
          ),
          'O to podsumowanie poprosiłeś(-aś) na swojej stronie gościa.',
        ],
      }),
      work_order_notice: (p, org) => ({
        subject: {
          booked: `${org} umówił wizytę: ${p.title}`,
          moved: `${org} przełożył wizytę: ${p.title}`,
          cancelled: `${org} odwołał wizytę: ${p.title}`,
        }[p.change],
        lines: [
          `Dzień dobry ${p.name},`,
          {
            booked: `${org} umówił „${p.title}”${p.when ? ` na ${p.when}` : ''}.`,
            moved: `${org} przełożył „${p.title}”${p.when ? ` na ${p.when}` : ''}.`,
            cancelled: `${org} odwołał „${p.title}”${p.reason ? `: ${p.reason}` : '.'}`,
          }[p.change],
          'Pytania? Odpowiedz na czacie.',
        ],
        action: { label: 'Otwórz czat', url: p.url },
      }),
      customer_code: (p, org) => ({
        subject: `Twój kod do ${org}`,
        lines: [
          `Dzień dobry ${p.name},`,
          `Twój kod potwierdzający w ${org}: ${p.code}`,
          `Wpisz go na stronie otwartej z etykiety. Działa jeden raz, przez ${p.minutes} minut.`,
          'Jeśli to nie Ty o niego prosisz, zignoruj tę wiadomość.',
        ],
      }),
    },
    roles: { admin: 'administrator', agent: 'recepcja', field: 'pracownik terenowy' },
    settings: {
      name: 'nazwa',
      motto: 'motto',
      logoUrl: 'logo',
      timezone: 'strefa czasowa',
      language: 'język',
      plan: 'plan',
      seatLimit: 'liczba miejsc',
    },
    footer: (org) => `Wysłane przez Frontdesk w imieniu ${org}.`,
    unsubscribe: 'Wypisz się z tych wiadomości',
    aGuest: 'Gość',
  },
  de: {
    templates: {
      staff_welcome: (p, org) => ({
        subject: `Willkommen bei ${org} in Frontdesk`,
        lines: [
          `Hallo ${p.name},`,
          `Sie haben ein Mitarbeiterkonto bei ${org}. Wählen Sie Ihr Passwort, um sich anzumelden.`,
          `Der Link gilt einmal, bis ${p.expiresAt}.`,
        ],
        action: { label: 'Passwort wählen', url: p.setPasswordUrl },
      }),
      staff_role_changed: (p, org) => ({
        subject: `Ihre Rolle bei ${org}: ${mailStrings.de.roles[p.role]}`,
        lines: [`Hallo ${p.name},`, `Ein Admin hat Ihre Rolle bei ${org} geändert: ${mailStrings.de.roles[p.role]}.`],
        action: { label: 'Anmelden', url: p.signInUrl },
      }),
      staff_deactivated: (p, org) => ({
        subject: `Ihr Konto bei ${org} wurde deaktiviert`,
        lines: [
          `Hallo ${p.name},`,
          `Ein Admin hat Ihr Mitarbeiterkonto bei ${org} deaktiviert; Sie wurden überall abgemeldet.`,
          'Falls das ein Irrtum ist, bitten Sie Ihren Admin, es wieder zu aktivieren.',
        ],
      }),
      organization_updated: (p, org) => ({
        subject: `Die Einstellungen von ${org} wurden geändert`,
        lines: [`Diese Einstellungen von ${org} wurden geändert: ${p.changed.join(', ')}.`],
        action: { label: 'Einstellungen ansehen', url: p.settingsUrl },
      }),
      organization_deactivated: (_p, org) => ({
        subject: `${org} wurde in Frontdesk deaktiviert`,
        lines: [
          `Der Plattformbetreiber hat ${org} deaktiviert. Die Mitarbeiter wurden abgemeldet und können sich erst wieder anmelden, wenn es aktiv ist.`,
        ],
      }),
      new_messages_staff: (p) => ({
        subject:
          p.count === 1 ? `Eine neue Nachricht von ${p.contact}` : `${p.count} neue Nachrichten von ${p.contact}`,
        lines: [`${p.contact} hat geschrieben, während Sie weg waren:`],
        quotes: p.quotes,
        action: { label: 'Im Posteingang antworten', url: p.url },
      }),
      new_messages_guest: (p, org) => ({
        subject: p.count === 1 ? `Eine neue Nachricht von ${org}` : `${p.count} neue Nachrichten von ${org}`,
        lines: [`${org} hat auf Ihre Anfrage geantwortet:`],
        quotes: p.quotes,
        action: { label: 'Chat öffnen', url: p.url },
      }),
      lead_created: (p) => ({
        subject: `Neue Anfrage von ${p.customer}: ${p.form}`,
        lines: [`${p.customer} hat „${p.form}“ gesendet${p.campaign ? ` (Kampagne ${p.campaign})` : ''}.`],
        action: { label: 'Anfragen öffnen', url: p.url },
      }),
      lead_status_changed: (p, org) => ({
        subject: `Ihre Anfrage „${p.form}“ bei ${org}`,
        lines: [
          `Guten Tag ${p.name},`,
          {
            new: `${org} hat Ihre Anfrage „${p.form}“ erhalten.`,
            contacted: `${org} bearbeitet Ihre Anfrage „${p.form}“.`,
            converted: `Gute Nachricht: ${org} hat den Auftrag zu Ihrer Anfrage „${p.form}“ eingeplant.`,
            lost: `${org} hat Ihre Anfrage „${p.form}“ geschlossen${p.reason ? `: ${p.reason}` : '.'}`,
          }[p.status],
        ],
        action: { label: 'Chat öffnen', url: p.url },
      }),
      webhook_disabled: (p, org) => ({
        subject: `Ein Webhook von ${org} wurde abgeschaltet`,
        lines: [
          `Frontdesk konnte keine Ereignisse an ${p.url} zustellen: ${p.failures} Zustellungen nacheinander scheiterten je einen Tag lang, daher ist der Webhook abgeschaltet.`,
          `Der letzte Versuch ergab: ${p.reason}`,
          'Reparieren Sie den Empfänger und schalten Sie den Webhook wieder ein; Gescheitertes lässt sich aus der Liste der Zustellungen erneut senden.',
        ],
        action: { label: 'Webhooks öffnen', url: p.webhooksUrl },
      }),
      alert_raised: (p, org) => {
        const what = {
          low_rating: `Schlechte Bewertung: ${p.rating} ${p.rating === 1 ? 'Stern' : 'Sterne'} von ${p.contact}`,
          alarming_word: `Alarmwort: „${p.word}“ von ${p.contact}`,
          negative_mood: `Schlechte Stimmung: ${p.contact} klingt deutlich unzufrieden`,
          sla_breach: `Wartet zu lange: ${p.contact} wartet seit über ${p.targetMinutes} Minuten auf Antwort`,
        }[p.kind];
        return {
          subject: `${org}: ${what}`,
          lines: [
            what,
            'Öffnen Sie das Gespräch, um zu sehen, was passiert ist, und bestätigen Sie dann den Alarm in der Alarmliste.',
          ],
          action: { label: 'Gespräch öffnen', url: p.url },
        };
      },
      stay_summary: (p, org) => ({
        subject: `Ihr Aufenthalt im ${org}: Ihre Anliegen`,
        lines: [
          p.name ? `Hallo ${p.name},` : 'Hallo,',
          `Danke für Ihren Aufenthalt im ${org}. Hier sind Ihre Anliegen und wie sie ausgingen:`,
          ...p.requests.map(
            (r) =>
              `${r.when} — „${r.firstLine}“: ${r.resolved ? 'erledigt' : 'noch offen'}` +
              (r.rating ? `, Ihre Bewertung: ${r.rating} von 5` : '') +
              (r.done.length ? `. Erledigt: ${r.done.join('; ')}` : '') +
              '.',
          ),
          'Sie haben diese Zusammenfassung auf Ihrer Gästeseite angefordert.',
        ],
      }),
      work_order_notice: (p, org) => ({
        subject: {
          booked: `${org} hat Ihren Termin gebucht: ${p.title}`,
          moved: `${org} hat Ihren Termin verschoben: ${p.title}`,
          cancelled: `${org} hat Ihren Termin abgesagt: ${p.title}`,
        }[p.change],
        lines: [
          `Guten Tag ${p.name},`,
          {
            booked: `${org} hat „${p.title}“ gebucht${p.when ? `: ${p.when}` : ''}.`,
            moved: `${org} hat „${p.title}“ verschoben${p.when ? `: ${p.when}` : ''}.`,
            cancelled: `${org} hat „${p.title}“ abgesagt${p.reason ? `: ${p.reason}` : '.'}`,
          }[p.change],
          'Fragen? Antworten Sie im Chat.',
        ],
        action: { label: 'Chat öffnen', url: p.url },
      }),
      customer_code: (p, org) => ({
        subject: `Ihr Code für ${org}`,
        lines: [
          `Guten Tag ${p.name},`,
          `Ihr Bestätigungscode bei ${org}: ${p.code}`,
          `Geben Sie ihn auf der Seite ein, die Ihr Etikett geöffnet hat. Er gilt einmal, ${p.minutes} Minuten lang.`,
          'Falls Sie ihn nicht angefordert haben, können Sie diese E-Mail ignorieren.',
        ],
      }),
    },
    roles: { admin: 'Admin', agent: 'Rezeption', field: 'Außendienst' },
    settings: {
      name: 'Name',
      motto: 'Motto',
      logoUrl: 'Logo',
      timezone: 'Zeitzone',
      language: 'Sprache',
      plan: 'Tarif',
      seatLimit: 'Plätze',
    },
    footer: (org) => `Gesendet von Frontdesk für ${org}.`,
    unsubscribe: 'Diese E-Mails abbestellen',
    aGuest: 'Ein Gast',
  },
};
