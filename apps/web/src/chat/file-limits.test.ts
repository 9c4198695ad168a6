import { describe, expect, it } from 'vitest';
import { fitFiles } from './file-limits';

const file = (name: string, size: number) => new File([new Uint8Array(size)], name);
const limits = { maxPerMessage: 3, maxBytes: 1000, maxMessageBytes: 1500 };

describe('fitFiles', () => {
  it('adds files within the count and the sizes, in the order chosen', () => {
    const a = file('a.pdf', 400);
    const b = file('b.pdf', 400);
    expect(fitFiles([a], [b], limits)).toEqual({ files: [a, b], leftOut: [] });
  });

  it('names a file too large itself, one that does not fit with the others, and one too many', () => {
    const kept = file('kept.pdf', 900);
    const huge = file('huge.mov', 1001);
    const heavy = file('heavy.pdf', 700);
    const small = [file('1.png', 10), file('2.png', 10), file('3.png', 10)];
    const result = fitFiles([kept], [huge, heavy, ...small], limits);
    expect(result.files).toEqual([kept, small[0], small[1]]);
    expect(result.leftOut.map((l) => [l.file.name, l.reason])).toEqual([
      ['huge.mov', 'tooLarge'],
      ['heavy.pdf', 'tooLargeTogether'],
      ['3.png', 'tooMany'],
    ]);
  });

  it('counts the files already going with the message by id', () => {
    const result = fitFiles([], [file('a.pdf', 100), file('b.pdf', 100)], limits, [{ size: 1300 }, { size: 1 }]);
    expect(result.files.map((f) => f.name)).toEqual(['a.pdf']);
    expect(result.leftOut.map((l) => l.reason)).toEqual(['tooMany']);
  });
});
