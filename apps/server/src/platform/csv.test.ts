import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvStream, localTime } from './csv.js';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Great, "really"')).toBe('"Great, ""really"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(4.5)).toBe('4.5');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil.test","x")')).toBe('"\'=HYPERLINK(""http://evil.test"",""x"")"');
    expect(csvCell('+48 600 100 200')).toBe("'+48 600 100 200");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends each record with CRLF', () => {
    expect(csvLine(['a', null, 1])).toBe('a,,1\r\n');
  });
});

describe('localTime', () => {
  it('shows an instant on the organization’s clock, its local date across midnight UTC', () => {
    // 23:30 in New York on 30 November is already 1 December in UTC
    expect(localTime(new Date('2026-12-01T04:30:00Z'), 'America/New_York')).toBe('2026-11-30 23:30');
    expect(localTime('2026-11-30T23:30:00Z', 'Europe/Warsaw')).toBe('2026-12-01 00:30');
    expect(localTime(null, 'UTC')).toBeNull();
  });
});

describe('csvStream', () => {
  it('writes the header, then each batch as it comes', async () => {
    async function* batches() {
      for (let i = 0; i < 3; i++) yield [[`row ${i}`, i]];
    }
    const chunks: string[] = [];
    for await (const chunk of csvStream(['Name', 'N'], batches())) chunks.push(String(chunk));
    expect(chunks).toEqual(['Name,N\r\n', 'row 0,0\r\n', 'row 1,1\r\n', 'row 2,2\r\n']);
  });

  it('reads the source only as far as the reader keeps up (a long export is never gathered whole)', async () => {
    let pulled = 0;
    async function* batches() {
      // 1,000 batches of about 1 KB: a megabyte, if it were all read at once
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield [['x'.repeat(1000)]];
      }
    }
    const stream = csvStream(['Text'], batches());
    const reader = stream[Symbol.asyncIterator]();
    await reader.next();
    await new Promise((resolve) => setImmediate(resolve));
    // the stream fills its buffer (16 KB) and waits
    expect(pulled).toBeLessThan(40);
    await reader.return?.();
  });
});
