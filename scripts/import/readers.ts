import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { columnKind, columnOfHeader } from '../../gateway/export-headers.js';
import { fail, USAGE } from './report.js';
import type { ImportType, Problem, Row, Rows } from './types.js';
import { convertRow } from './values.js';

/** Files: CSV, JSON and .xlsx, each row with the line it starts on. */

function columnsOf(type: ImportType): string[] {
  return [...Object.keys(type.fields), ...Object.entries(type.objects).flatMap(([object, fields]) => fields.map((field) => `${object}.${field}`))];
}

function readCsv(type: ImportType, text: string, problems: Problem[]): Rows {
  // One line-end convention, so that line numbers count what an editor shows.
  const normalized = text.replace(/\r\n?/g, '\n');
  const firstLine = normalized.slice(0, normalized.indexOf('\n') >>> 0);
  // German Excel saves with semicolons; a header holds only names, so its separator is plain to see.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(normalized, { delimiter, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    problems.push({ line, field: '', message: `not readable as CSV: ${(error as Error).message}` });
    return { rows: [], total: 0 };
  }
  if (records.length === 0) {
    problems.push({ line: 1, field: '', message: 'the file is empty: expected a header row of field names' });
    return { rows: [], total: 0 };
  }
  // Headers in English (field names) or German (as `/export/…?lang=de` and .xlsx write them).
  const header = records[0].record.map((name) => columnOfHeader(name.trim()) ?? name.trim());
  const known = [...columnsOf(type), ...type.readOnly];
  header.forEach((name, index) => {
    if (!known.includes(name)) problems.push({ line: 1, field: name || `column ${index + 1}`, message: `unknown column; the columns are ${known.join(', ')}` });
    else if (header.indexOf(name) !== index) problems.push({ line: 1, field: name, message: 'column given twice' });
  });
  for (const [name, fieldType] of Object.entries(type.fields)) {
    const required = fieldType === 'required' || (typeof fieldType === 'object' && fieldType.required);
    if (required && !header.includes(name)) problems.push({ line: 1, field: name, message: 'column is missing: every row needs it' });
  }
  const data = records.slice(1).filter(({ record }) => record.some((cell) => cell.trim() !== ''));
  if (problems.length) return { rows: [], total: data.length };

  const rows: Row[] = [];
  let previous = records[0].info;
  for (const { record, info } of records.slice(1)) {
    // A record starts after the previous one and the empty lines between them.
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    if (record.every((cell) => cell.trim() === '')) continue; // spreadsheets write rows of empty cells
    if (record.length !== header.length) {
      problems.push({ line, field: '', message: `has ${record.length} cells, the header ${header.length}` });
      continue;
    }
    rows.push(convertRow(type, line, Object.fromEntries(header.map((name, index) => [name, record[index]])), true, problems));
  }
  return { rows, total: data.length };
}

/** The line each element of the top-level JSON array starts on. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectElement = false;
  for (const char of text) {
    if (char === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(char) && char !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth += 1;
      if (depth === 1) expectElement = true;
    } else if (char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

function readJson(type: ImportType, text: string, problems: Problem[]): Rows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
    problems.push({ line, field: '', message: `not valid JSON: ${(error as Error).message}` });
    return { rows: [], total: 0 };
  }
  if (!Array.isArray(data)) {
    problems.push({ line: 1, field: '', message: 'expected a JSON array of objects, one per row' });
    return { rows: [], total: 0 };
  }
  const lines = elementLines(text);
  const known = [...Object.keys(type.fields), ...Object.keys(type.objects), ...type.readOnly];
  const rows: Row[] = [];
  data.forEach((element: unknown, index) => {
    const line = lines[index] ?? 1;
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      problems.push({ line, field: '', message: 'expected an object' });
      return;
    }
    const unknown = Object.keys(element).filter((key) => !known.includes(key));
    for (const key of unknown) problems.push({ line, field: key, message: `unknown field; the fields are ${known.join(', ')}` });
    if (unknown.length === 0) rows.push(convertRow(type, line, element as Record<string, unknown>, false, problems));
  });
  return { rows, total: data.length };
}

/**
 * An .xlsx file (as `/export/….xlsx` writes it): the first sheet, its first row the headers. Cells
 * are turned into the text a CSV cell would hold (dates as YYYY-MM-DD), then read as CSV rows are.
 */
async function readXlsx(type: ImportType, bytes: Buffer, problems: Problem[]): Promise<Rows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    problems.push({ line: 1, field: '', message: `not readable as .xlsx: ${(error as Error).message}` });
    return { rows: [], total: 0 };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) {
    problems.push({ line: 1, field: '', message: 'the file is empty: expected a header row of field names' });
    return { rows: [], total: 0 };
  }
  const width = sheet.getRow(1).cellCount;
  const text = (value: ExcelJS.CellValue, column: string): string => {
    if (value == null) return '';
    if (value instanceof Date) return columnKind(column) === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
    if (typeof value === 'object') return 'text' in value ? String(value.text) : 'result' in value ? String(value.result ?? '') : '';
    return String(value);
  };
  const headers = Array.from({ length: width }, (_, index) => text(sheet.getRow(1).getCell(index + 1).value, ''));
  const names = headers.map((header) => columnOfHeader(header.trim()) ?? header.trim());
  const lines: string[][] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) lines.push(Array.from({ length: width }, (_, index) => text(row.getCell(index + 1).value, names[index])));
  });
  // The same checks as for CSV, on the cells as CSV text (no separators to split: one record per row).
  const csv = [headers, ...lines].map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n');
  return readCsv(type, csv, problems);
}

export async function readRows(type: ImportType, file: string, problems: Problem[]): Promise<Rows> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    fail(`Cannot read ${file}: ${(error as Error).message}`);
  }
  if (path.extname(file).toLowerCase() === '.xlsx') return readXlsx(type, bytes, problems);
  let text: string;
  try {
    // TextDecoder drops a leading BOM; `fatal` refuses anything that is not UTF-8 (e.g. Windows-1252).
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail(`${file} is not UTF-8: save it as "CSV UTF-8" (Excel) or re-encode it as UTF-8. Nothing was written.`, 1);
  }
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return readCsv(type, text, problems);
  if (extension === '.json') return readJson(type, text, problems);
  fail(`${file}: the file name must end in .csv, .json or .xlsx.\n${USAGE}`);
}
