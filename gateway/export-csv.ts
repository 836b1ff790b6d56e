import { stringify, type Stringifier } from 'csv-stringify';

/**
 * The CSV side of `/export`: what one cell says is ours (lists joined with `;`, decimal commas,
 * formulas defused, AGS kept as text), the encoding is csv-stringify's: UTF-8 with a byte order
 * mark, RFC 4180 quoting, CRLF after every row, back-pressure as a stream.
 */

export type Scalar = string | number | boolean | null | undefined;
export type Value = Scalar | Scalar[] | Record<string, Scalar>[];

/** A stream of rows (arrays of cell texts) in, the CSV bytes out. */
export function csvStringifier(separator: ',' | ';'): Stringifier {
  return stringify({
    bom: true,
    delimiter: separator,
    record_delimiter: 'windows',
    // A lone CR or LF in a cell is quoted too (by default only CRLF is, once the delimiter is set).
    quote_record_delimiter: true,
    // Quoted for both separators, so that a file reads the same when a user picks the other one.
    quoted_match: /[,;]/,
  });
}

/**
 * One cell's text before quoting. csv-stringify's own `escape_formulas` is not used: it would also
 * defuse the `="05554"` AGS cells and a few more characters than the files have always defused.
 */
export function csvText(value: Value, decimalComma: boolean): string {
  if (value == null) return '';
  if (typeof value === 'number') return decimalComma ? String(value).replace('.', ',') : String(value);
  if (typeof value === 'boolean') return String(value);
  const text = Array.isArray(value) ? value.map((item) => String(item ?? '')).join(';') : value;
  // A spreadsheet runs cells starting with these as formulas ("CSV injection").
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * An AGS cell for spreadsheets (`?lang=de`): `="05554"` is a text formula that Excel and LibreOffice
 * show as 05554 instead of turning it into the number 5554; `npm run import` reads it back as 05554.
 */
export function agsText(value: Value): string {
  const text = Array.isArray(value) ? value.join(';') : value == null ? '' : String(value);
  return text && /^[\d;]+$/.test(text) ? `="${text}"` : csvText(text, false);
}
