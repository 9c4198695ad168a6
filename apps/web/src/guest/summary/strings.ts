import type { Language, Strings } from '../../i18n/languages';

// "Email me a summary after my stay" (StaySummaryEntry: the chat header's button and its dialog), in the
// guest namespace: loaded with that lazy chunk only, never with the guest's first load.
export const summaryEn = {
  staySummary: {
    entry: 'Stay summary',
    close: 'Close',
    notSet: 'No summary is planned yet.',
    open: 'Email me a summary after my stay',
    explain:
      'After check-out we send you one e-mail: your requests and how they ended. We use the address for nothing else.',
    field: 'Your e-mail address',
    save: 'Send me the summary',
    saving: 'Saving…',
    set: 'After your stay we will e-mail a summary of your requests to {{email}}.',
    cancel: 'No summary, thanks',
    failed: 'That did not work. Please check the address and try again.',
  },
};

const pl: Strings<typeof summaryEn> = {
  staySummary: {
    entry: 'Podsumowanie',
    close: 'Zamknij',
    notSet: 'Podsumowanie nie jest jeszcze zamówione.',
    open: 'Wyślij mi podsumowanie po pobycie',
    explain: 'Po wymeldowaniu wyślemy jeden e-mail: Twoje prośby i ich wynik. Adresu nie użyjemy do niczego innego.',
    field: 'Twój adres e-mail',
    save: 'Wyślijcie mi podsumowanie',
    saving: 'Zapisuję…',
    set: 'Po pobycie wyślemy podsumowanie Twoich próśb na {{email}}.',
    cancel: 'Nie, dziękuję',
    failed: 'Nie udało się. Sprawdź adres i spróbuj ponownie.',
  },
};

const de: Strings<typeof summaryEn> = {
  staySummary: {
    entry: 'Zusammenfassung',
    close: 'Schließen',
    notSet: 'Noch ist keine Zusammenfassung bestellt.',
    open: 'Zusammenfassung nach dem Aufenthalt per E-Mail',
    explain:
      'Nach dem Check-out senden wir Ihnen eine E-Mail: Ihre Anliegen und wie sie ausgingen. Die Adresse nutzen wir für nichts anderes.',
    field: 'Ihre E-Mail-Adresse',
    save: 'Zusammenfassung senden',
    saving: 'Wird gespeichert…',
    set: 'Nach Ihrem Aufenthalt senden wir eine Zusammenfassung Ihrer Anliegen an {{email}}.',
    cancel: 'Keine Zusammenfassung',
    failed: 'Das hat nicht geklappt. Bitte prüfen Sie die Adresse und versuchen Sie es erneut.',
  },
};

export const summaryStrings: Record<Language, Strings<typeof summaryEn>> = { en: summaryEn, pl, de };
