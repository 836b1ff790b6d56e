import { describe, expect, it } from 'vitest';
import { agsText, csvStringifier, csvText } from '../../gateway/export-csv.js';

async function csv(separator: ',' | ';', rows: string[][]): Promise<string> {
  const stringifier = csvStringifier(separator);
  const chunks: Buffer[] = [];
  stringifier.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => stringifier.on('end', resolve));
  for (const row of rows) stringifier.write(row);
  stringifier.end();
  await ended;
  return Buffer.concat(chunks).toString('utf8');
}

describe('CSV cells of /export (the bytes partners re-import)', () => {
  it('writes a BOM, CRLF after every row, and quotes quotes, both separators and any line break', async () => {
    expect(await csv(',', [['id', 'text'], ['1', 'a "b"'], ['2', 'x;y'], ['3', 'x,y'], ['4', 'cr\ronly'], ['5', 'lf\nonly'], ['6', '']])).toBe(
      '\uFEFFid,text\r\n1,"a ""b"""\r\n2,"x;y"\r\n3,"x,y"\r\n4,"cr\ronly"\r\n5,"lf\nonly"\r\n6,\r\n',
    );
    expect(await csv(';', [['1420,98', 'plain']])).toBe('\uFEFF"1420,98";plain\r\n');
  });

  it('defuses formulas, joins lists with ; and writes decimal commas on request', () => {
    expect(['=SUMME(A1)', '+1', '-1 Ziel', '@x', '\tx', '\rx'].map((text) => csvText(text, false))).toEqual(["'=SUMME(A1)", "'+1", "'-1 Ziel", "'@x", "'\tx", "'\rx"]);
    expect(csvText(['=a', 'b', null], false)).toBe("'=a;b;");
    expect([csvText(-1.5, false), csvText(1420.98, true), csvText(true, false), csvText(null, false)]).toEqual(['-1.5', '1420,98', 'true', '']);
  });

  it('keeps AGS as text for spreadsheets ("=""05554""") and leaves other cells alone', async () => {
    expect(await csv(',', [[agsText('05554'), agsText(['05554001', '05554002']), agsText('=x'), agsText(null)]])).toBe(
      '\uFEFF"=""05554""","=""05554001;05554002""",\'=x,\r\n',
    );
  });
});
