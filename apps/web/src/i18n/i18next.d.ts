import 'i18next';
import type { labelEn } from '../guest/label-strings';
import type { guestEn } from '../guest/strings';
import type { staffEn } from '../staff/strings';
import type { commonEn } from './locales/common';

// The English trees are the source of every key: `t('stays.extnd')` or a missing `{{count}}`
// namespace fails to compile. Other languages are checked against English by `Strings<>`.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof commonEn;
      staff: typeof staffEn;
      // the label page's texts load with that page (guest/label-strings.ts)
      guest: typeof guestEn & typeof labelEn;
    };
  }
}
