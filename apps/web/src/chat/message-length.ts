import { MAX_MESSAGE_LENGTH } from '@frontdesk/protocol';

export interface MessageLength {
  /** Characters that would be sent (the text trimmed, as the server stores it). */
  length: number;
  max: number;
  /** Nothing to send. */
  empty: boolean;
  /** More than the server accepts: Send stays disabled and the composer says why. */
  tooLong: boolean;
}

/**
 * The one rule both composers (staff and guest) apply: the text is kept whole, never cut, and may be
 * sent when it is not empty and within the protocol's limit once trimmed.
 */
export function measureMessage(text: string, max = MAX_MESSAGE_LENGTH): MessageLength {
  const length = text.trim().length;
  return { length, max, empty: length === 0, tooLong: length > max };
}
