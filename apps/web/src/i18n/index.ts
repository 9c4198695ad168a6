import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { browserLanguages, type Language, pickLanguage } from './languages';
import { common } from './locales/common';

/**
 * i18next with the `common` namespace (shared words and every API error) built in; each surface
 * adds its own namespace from its lazy chunk with `addTranslations`, so the guest page never
 * carries the staff app's strings.
 */
void i18n.use(initReactI18next).init({
  lng: pickLanguage(...browserLanguages()),
  fallbackLng: 'en',
  ns: ['common'],
  defaultNS: 'common',
  resources: { en: { common: common.en }, pl: { common: common.pl }, de: { common: common.de } },
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

/** Registers a surface's strings (a namespace) in every language. */
export function addTranslations(namespace: string, bundles: Record<Language, object>): void {
  for (const [lng, bundle] of Object.entries(bundles)) i18n.addResourceBundle(lng, namespace, bundle, true, true);
}

/** Switches the app's language (and the document's `lang`) if it is not already the one given. */
export function setLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

export type { Language };
export { i18n };
