import { describe, expect, it } from 'vitest';
import { toCsv } from '../../utils/export/csv';

describe('toCsv', () => {
  it('quotes what needs quoting and keeps Arabic as UTF-8 with a BOM', () => {
    const csv = toCsv(
      ['author', 'text'],
      [
        ['مريم', 'قهوة "رائعة", شكرًا\nسطر ثانٍ'],
        ['Sara', 42],
      ],
    );
    expect(csv).toBe('\uFEFFauthor,text\r\nمريم,"قهوة ""رائعة"", شكرًا\nسطر ثانٍ"\r\nSara,42\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv(['x'], [['=HYPERLINK("http://evil")'], ['+1'], ['-2'], ['@SUM(A1)'], [null]])).toBe(
      '\uFEFFx\r\n"\'=HYPERLINK(""http://evil"")"\r\n\'+1\r\n\'-2\r\n\'@SUM(A1)\r\n\r\n',
    );
  });
});
