import type { Language, Strings } from '../../../i18n/languages';

// Tasks made from a conversation: the header's button, a message's action and the dialog.
const en = {
  tasks: {
    action: 'Create task',
    shortcut: 'Create a task from this conversation (Alt+K)',
    fromMessage: 'Create task from this message',
    dialogTitle: 'Create a task',
    titleField: 'Title',
    description: 'Description',
    assignee: 'Person',
    nobody: 'Nobody yet',
    assigneeHelp: 'A person, a team or both; they see it on My work at once.',
    team: 'Team',
    due: 'Due',
    dueZone: 'Hotel time ({{zone}})',
    pickerDone: 'Use this time',
    create: 'Create task',
    created: 'Task created: {{title}}',
    roomSuffix: 'room {{room}}',
    listLabel: 'Tasks from this conversation',
    dueAt: 'due {{time}}',
  },
};

const pl: Strings<typeof en> = {
  tasks: {
    action: 'Utwórz zadanie',
    shortcut: 'Utwórz zadanie z tej rozmowy (Alt+K)',
    fromMessage: 'Utwórz zadanie z tej wiadomości',
    dialogTitle: 'Utwórz zadanie',
    titleField: 'Tytuł',
    description: 'Opis',
    assignee: 'Osoba',
    nobody: 'Jeszcze nikt',
    assigneeHelp: 'Osoba, zespół albo oboje; od razu zobaczą je w „Mojej pracy”.',
    team: 'Zespół',
    due: 'Termin',
    dueZone: 'Czas hotelu ({{zone}})',
    pickerDone: 'Użyj tej godziny',
    create: 'Utwórz zadanie',
    created: 'Zadanie utworzone: {{title}}',
    roomSuffix: 'pokój {{room}}',
    listLabel: 'Zadania z tej rozmowy',
    dueAt: 'termin {{time}}',
  },
};

const de: Strings<typeof en> = {
  tasks: {
    action: 'Aufgabe erstellen',
    shortcut: 'Eine Aufgabe aus diesem Gespräch erstellen (Alt+K)',
    fromMessage: 'Aufgabe aus dieser Nachricht erstellen',
    dialogTitle: 'Eine Aufgabe erstellen',
    titleField: 'Titel',
    description: 'Beschreibung',
    assignee: 'Person',
    nobody: 'Noch niemand',
    assigneeHelp: 'Eine Person, ein Team oder beides; sie sehen es sofort unter „Meine Arbeit“.',
    team: 'Team',
    due: 'Fällig',
    dueZone: 'Hotelzeit ({{zone}})',
    pickerDone: 'Diese Zeit verwenden',
    create: 'Aufgabe erstellen',
    created: 'Aufgabe erstellt: {{title}}',
    roomSuffix: 'Zimmer {{room}}',
    listLabel: 'Aufgaben aus diesem Gespräch',
    dueAt: 'fällig {{time}}',
  },
};

export const taskStrings = { en, pl, de } satisfies Record<Language, Strings<typeof en>>;
