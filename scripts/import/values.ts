import { ROLES, type FieldType, type ImportType, type Problem, type Row } from './types.js';

/** Values: one converter per field type, for CSV cells (strings, empty = left out) and JSON values. */

class ValueError extends Error {}

const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const INT_MAX = 2 ** 31 - 1;

function convert(type: FieldType, raw: unknown, csv: boolean): unknown {
  // `="05554"`: how exports for spreadsheets (`?lang=de`) keep keys with leading zeros as text.
  if (csv && typeof raw === 'string') raw = /^="(.*)"$/s.exec(raw)?.[1] ?? raw;
  const blank = raw === undefined || (csv && String(raw).trim() === '');
  if (type === 'required') {
    // Sent even when empty: the subgraph's check says what is wrong, in its own words.
    if (raw === undefined || raw === null) return '';
    if (typeof raw !== 'string') throw new ValueError('must be text');
    return raw;
  }
  if (typeof type === 'object' && type.required && (blank || raw === null)) throw new ValueError(`must be one of ${type.values.join(', ')}`);
  if (blank) return undefined;
  if (raw === null) return null;
  if (typeof type === 'object') {
    if (typeof raw !== 'string' || !type.values.includes(raw.trim().toUpperCase())) throw new ValueError(`must be one of ${type.values.join(', ')}`);
    return raw.trim().toUpperCase();
  }
  switch (type) {
    case 'text':
      if (typeof raw !== 'string') throw new ValueError('must be text');
      return raw;
    case 'list':
      if (csv) return String(raw).split(';').map((item) => item.trim());
      if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) throw new ValueError('must be a list of texts');
      return raw;
    case 'int': {
      const value = csv ? (/^\s*-?\d{1,10}\s*$/.test(String(raw)) ? Number(raw) : Number.NaN) : raw;
      if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > INT_MAX) throw new ValueError('must be a whole number, e.g. 2018');
      return value;
    }
    case 'date': {
      if (typeof raw !== 'string') throw new ValueError('must be a date as YYYY-MM-DD or DD.MM.YYYY');
      const text = raw.trim();
      const german = GERMAN_DATE.exec(text);
      const iso = german ? `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}` : text;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
        throw new ValueError('must be a date as YYYY-MM-DD or DD.MM.YYYY');
      }
      return iso;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const text = csv ? String(raw).trim().toLowerCase() : raw;
      if (text === 'true' || text === 'wahr' || text === 'ja') return true;
      if (text === 'false' || text === 'falsch' || text === 'nein') return false;
      throw new ValueError('must be true or false');
    }
    case 'participants':
      return csv ? participantsFromCell(String(raw)) : participantsFromJson(raw);
  }
}

/** `<organization id or slug>:<ROLE>` or `…:<ROLE>:<note>` (as exports write them); slugs are looked up later. */
function participantsFromCell(cell: string) {
  return cell.split(';').map((entry, index) => {
    const [organizationId, role, ...rest] = entry.split(':');
    const note = rest.join(':').trim();
    if (!organizationId?.trim() || !role?.trim() || !ROLES.includes(role.trim().toUpperCase())) {
      throw new ValueError(`entry ${index + 1} must read <organization slug or id>:<role> (or …:<role>:<note>), the role one of ${ROLES.join(', ')}`);
    }
    return { organizationId: organizationId.trim(), role: role.trim().toUpperCase(), ...(note ? { note } : {}) };
  });
}

function participantsFromJson(raw: unknown) {
  if (!Array.isArray(raw)) throw new ValueError('must be a list of { organizationId, role, note }');
  return raw.map((entry: unknown, index) => {
    // Exports write `organization` (a slug); imports also take `organizationId` (an id or a slug).
    const { organizationId: id, organization, role, note, ...rest } = (entry ?? {}) as Record<string, unknown>;
    const organizationId = id ?? organization;
    if (typeof entry !== 'object' || Object.keys(rest).length || typeof organizationId !== 'string' || typeof role !== 'string' || !ROLES.includes(role.toUpperCase())
      || (note != null && typeof note !== 'string')) {
      throw new ValueError(`[${index}] must be { organizationId, role, note }, the role one of ${ROLES.join(', ')}`);
    }
    return { organizationId, role: role.toUpperCase(), ...(note == null ? {} : { note }) };
  });
}

/** One row of the file as the GraphQL row input, or the problems of its values. */
export function convertRow(type: ImportType, line: number, values: Record<string, unknown>, csv: boolean, problems: Problem[]): Row {
  const row: Row = { line };
  for (const [name, raw] of Object.entries(values)) {
    const [object, field] = name.split('.');
    try {
      if (field !== undefined) {
        const value = convert('text', raw, csv);
        if (value !== undefined) ((row[object] ??= {}) as Record<string, unknown>)[field] = value;
      } else if (type.objects[name]) {
        if (raw === null) row[name] = null;
        else if (typeof raw !== 'object' || Array.isArray(raw)) throw new ValueError(`must be an object with ${type.objects[name].join(', ')}`);
        else {
          for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
            if (!type.objects[name].includes(key)) throw new ValueError(`has no field "${key}" (known: ${type.objects[name].join(', ')})`);
            if (value !== null && typeof value !== 'string') throw new ValueError(`${key} must be text`);
          }
          row[name] = raw;
        }
      } else if (type.readOnly.includes(name)) {
        continue; // assigned by the system: an export's ids and audit columns
      } else {
        const value = convert(type.fields[name], raw, csv);
        if (value !== undefined) row[name] = value;
      }
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      problems.push({ line, field: name, message: error.message });
    }
  }
  // Required fields a JSON object leaves out: text is sent empty, so that the subgraph names it in its own words.
  for (const [name, fieldType] of Object.entries(type.fields)) {
    if (name in values) continue;
    if (fieldType === 'required') row[name] = '';
    else if (typeof fieldType === 'object' && fieldType.required) problems.push({ line, field: name, message: `must be one of ${fieldType.values.join(', ')}` });
  }
  return row;
}
