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
    team: 'Team',
    noTeam: 'No team',
    due: 'Due',
    dueZone: 'Hotel time ({{zone}})',
    noDue: 'No due time',
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
    team: 'Zespół',
    noTeam: 'Bez zespołu',
    due: 'Termin',
    dueZone: 'Czas hotelu ({{zone}})',
    noDue: 'Bez terminu',
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
    team: 'Team',
    noTeam: 'Kein Team',
    due: 'Fällig',
    dueZone: 'Hotelzeit ({{zone}})',
    noDue: 'Ohne Fälligkeit',
    pickerDone: 'Diese Zeit verwenden',
    create: 'Aufgabe erstellen',
    created: 'Aufgabe erstellt: {{title}}',
    roomSuffix: 'Zimmer {{room}}',
    listLabel: 'Aufgaben aus diesem Gespräch',
    dueAt: 'fällig {{time}}',
  },
};

export const taskStrings = { en, pl, de } satisfies Record<Language, Strings<typeof en>>;
