import type { Attachment } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { addCannedFiles } from './canned-files';

const file = (id: string, name: string, size = 100): Attachment => ({
  id,
  kind: 'pdf',
  name,
  mime: 'application/pdf',
  size,
  width: null,
  height: null,
  thumbnail: false,
});

describe('a canned response’s files in the composer', () => {
  it('adds the copies after the files already there', () => {
    const there = [file('a', 'menu.pdf')];
    expect(addCannedFiles(there, [file('b', 'manual.pdf'), file('c', 'map.pdf')], 0, 5)).toEqual({
      ready: [there[0], file('b', 'manual.pdf'), file('c', 'map.pdf')],
      left: 0,
    });
  });

  it('does not add the same file twice when the response is inserted again', () => {
    const there = [file('a', 'manual.pdf')];
    expect(addCannedFiles(there, [file('b', 'manual.pdf'), file('c', 'manual.pdf', 200)], 0, 5)).toEqual({
      ready: [there[0], file('c', 'manual.pdf', 200)],
      left: 0,
    });
  });

  it('keeps within the message’s limit, counting files still to upload, and says how many did not fit', () => {
    const copies = [file('b', 'one.pdf'), file('c', 'two.pdf'), file('d', 'three.pdf')];
    expect(addCannedFiles([file('a', 'x.pdf')], copies, 2, 5)).toEqual({
      ready: [file('a', 'x.pdf'), file('b', 'one.pdf'), file('c', 'two.pdf')],
      left: 1,
    });
    expect(addCannedFiles([], copies, 5, 5)).toEqual({ ready: [], left: 3 });
  });
});
