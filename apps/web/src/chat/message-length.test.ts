import { MAX_MESSAGE_LENGTH } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { measureMessage } from './message-length';

describe('measureMessage', () => {
  it('uses the protocol limit and counts the trimmed text', () => {
    expect(measureMessage('  hello \n')).toEqual({ length: 5, max: MAX_MESSAGE_LENGTH, empty: false, tooLong: false });
  });

  it('calls blank text empty', () => {
    expect(measureMessage(' \n\t ')).toMatchObject({ length: 0, empty: true, tooLong: false });
  });

  it('accepts exactly the limit and refuses one more', () => {
    expect(measureMessage('a'.repeat(MAX_MESSAGE_LENGTH)).tooLong).toBe(false);
    expect(measureMessage('a'.repeat(MAX_MESSAGE_LENGTH + 1))).toMatchObject({
      length: MAX_MESSAGE_LENGTH + 1,
      tooLong: true,
    });
  });

  it('does not count surrounding blanks towards the limit', () => {
    expect(measureMessage(`  ${'a'.repeat(MAX_MESSAGE_LENGTH)}  `).tooLong).toBe(false);
  });
});
