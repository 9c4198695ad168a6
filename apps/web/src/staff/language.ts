import { setLanguage } from '../i18n';
import { type Language, pickLanguage } from '../i18n/languages';

const KEY = 'frontdesk.staff.language';

/** The language a staff member chose on this device, if any. */
export function savedLanguage(): Language | null {
  try {
    const saved = localStorage.getItem(KEY);
    return saved ? pickLanguage(saved) : null;
  } catch {
    return null;
  }
}

/** Switches the staff app's language and remembers the choice on this device. */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // private mode: for this page only
  }
  setLanguage(language);
}
