import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { verifyError } from './label-verify';

/** A `t` that shows which text was picked and with what (and knows the error codes' texts). */
const t = (key: string, options?: Record<string, unknown>) => {
  if (key.startsWith('common:errors.')) return `[${key}]`;
  return options ? `${key} ${JSON.stringify(options)}` : key;
};

describe('what a customer reads when their answer at a label is refused', () => {
  it('a wrong answer says so', () => {
    expect(verifyError(new ApiError(401, 'verification_failed', 'no'), t, 'en')).toBe('label.wrong');
  });

  it('too many tries says how long to wait, when the server says', () => {
    const limited = new ApiError(429, 'rate_limited', 'slow down', { retryAfterSeconds: 600 });
    expect(verifyError(limited, t, 'en')).toBe('label.rateLimited {"wait":"10 minutes"}');
    expect(verifyError(new ApiError(429, 'rate_limited', 'slow down'), t, 'en')).toBe('label.rateLimitedSoon');
  });

  it('anything else is the usual error message', () => {
    expect(verifyError(new ApiError(409, 'label_not_assigned', 'not in use'), t, 'en')).toBe(
      '[common:errors.label_not_assigned]',
    );
  });
});
