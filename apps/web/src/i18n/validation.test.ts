import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { staffErrorStrings } from '../staff/error-strings';
import { errorMessage } from './error-message';
import { common } from './locales/common';
import { loose } from './loose';
import { fieldErrors, validationMessage } from './validation';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'en',
    ns: ['common'],
    defaultNS: 'common',
    resources: { en: { common: common.en }, pl: { common: common.pl }, de: { common: common.de } },
    interpolation: { escapeValue: false },
  });
});

/** What the server answers (apps/server/src/platform/errors.ts) for a refused body. */
function refused(...issues: object[]) {
  return new ApiError(400, 'validation_failed', 'Invalid body', { issues });
}

describe('validation errors in words', () => {
  it('say which field and why, by the form’s labels', () => {
    const err = refused(
      { in: 'body', path: 'name', message: 'x', code: 'too_small', minimum: 1, origin: 'string' },
      { in: 'body', path: 'admin.email', message: 'x', code: 'invalid_format', format: 'email' },
    );
    expect(validationMessage(loose(i18n.t), err, { name: 'Name', 'admin.email': 'Admin’s email' })).toBe(
      'Name: Please fill this in. Admin’s email: This is not an email address (name@example.com).',
    );
    expect(fieldErrors(loose(i18n.t), err)).toEqual({
      name: 'Please fill this in.',
      'admin.email': 'This is not an email address (name@example.com).',
    });
  });

  it('give the bound the server sent, in the user’s language', () => {
    const err = refused({ path: 'motto', message: 'x', code: 'too_big', maximum: 200, origin: 'string' });
    expect(validationMessage(loose(i18n.getFixedT('pl')), err, { motto: 'Motto' })).toBe(
      'Motto: Za długie: najwyżej 200 znaków.',
    );
    const few = refused({ path: 'guestGraceHours', message: 'x', code: 'too_small', minimum: 0, origin: 'number' });
    expect(validationMessage(loose(i18n.getFixedT('de')), few)).toBe('guest grace hours: Muss mindestens 0 sein.');
  });

  it('replace the generic "some details are not valid" in errorMessage', () => {
    const err = refused({ path: 'code', message: 'x', code: 'invalid_format', format: 'regex' });
    expect(errorMessage(loose(i18n.t), err, { code: 'Access code' })).toBe(
      'Access code: This is not in the expected form.',
    );
  });

  it('leave other errors to their codes', () => {
    expect(validationMessage(loose(i18n.t), new ApiError(409, 'conflict', 'taken'))).toBe('');
    expect(errorMessage(loose(i18n.t), new ApiError(409, 'conflict', 'taken'))).toBe(common.en.errors.conflict);
    // an old server without issues still gets the generic sentence
    expect(errorMessage(loose(i18n.t), new ApiError(400, 'validation_failed', 'Invalid'))).toBe(
      common.en.errors.validation_failed,
    );
  });
});

describe('errors only staff meet', () => {
  it("are not in the words every page loads, and are read from the staff app's once it has added them", () => {
    const err = new ApiError(409, 'email_taken', 'Email already in use');
    expect('email_taken' in common.en.errors).toBe(false);
    // before the staff app loads (it never does on a guest's page), the server's own words
    expect(errorMessage(loose(i18n.t), err)).toBe('Email already in use');
    for (const [lng, bundle] of Object.entries(staffErrorStrings)) i18n.addResourceBundle(lng, 'staffErrors', bundle);
    expect(errorMessage(loose(i18n.t), err)).toBe(staffErrorStrings.en.email_taken);
    expect(errorMessage(loose(i18n.getFixedT('de')), err)).toBe(staffErrorStrings.de.email_taken);
  });
});
