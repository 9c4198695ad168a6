import 'i18next';
import type { requestFormEn } from '../forms/strings';
import type { emailCodeEn } from '../guest/email-code-strings';
import type { labelEn } from '../guest/label-strings';
import type { notifyEn } from '../guest/notify/strings';
import type { quickEn } from '../guest/quick/strings';
import type { customerRequestsEn } from '../guest/requests/strings';
import type { guestEn } from '../guest/strings';
import type { summaryEn } from '../guest/summary/strings';
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
      // and a customer's request forms with theirs (guest/requests/strings.ts); the e-mailed code
      // step's with that step (guest/email-code-strings.ts); a hotel guest's greeting and quick
      // requests with them (guest/quick/strings.ts)
      guest: typeof guestEn &
        typeof labelEn &
        typeof customerRequestsEn &
        typeof emailCodeEn &
        typeof quickEn &
        typeof notifyEn &
        typeof summaryEn;
      // a request form as customers fill it and admins preview it (forms/strings.ts)
      requestForm: typeof requestFormEn;
    };
  }
}
