import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { asInputError, guardInputErrors } from '../../subgraphs/toolkit/input-errors.js';
import { calendarDate } from '../../shared/dates.js';
import { assertPrintable, requiredText, textList } from '../../subgraphs/toolkit/validation.js';

/** What PostgreSQL's driver throws for data it refuses: an error with the SQLSTATE as `code`. */
const sqlError = (code: string) => Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code });

describe('bad input is the client\'s mistake', () => {
  it('refuses control characters and broken Unicode in written text, naming the field', () => {
    for (const text of ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\ud800b', 'a\udfffb']) {
      expect(() => requiredText(text, 'input.title', 100)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } }));
    }
    expect(() => textList(['gut', 'bö\u0000se'], 'input.keywords', 10, 100)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.keywords' } }));
    // Tabs and line breaks belong to multi-line text; emoji are whole surrogate pairs.
    expect(assertPrintable('Anlass:\n\tZeile 2\r\n🤝', 'input.occasion')).toBe('Anlass:\n\tZeile 2\r\n🤝');
  });

  it.each([
    ['2024-02-29', true], ['0001-01-01', true], ['9999-12-31', true],
    ['0000-01-01', false], ['2026-13-01', false], ['2026-02-30', false], ['2023-02-29', false], ['2026-00-10', false], ['2026-1-1', false], ['10000-01-01', false],
  ])('calendar date %s: %s', (text, valid) => {
    expect(calendarDate(text) !== null).toBe(valid);
  });

  it('maps a data error of PostgreSQL to BAD_USER_INPUT naming the argument that holds the odd value', () => {
    const mapped = asInputError(sqlError('22021'), { input: { id: 'x', title: 'a\u0000b' } });
    expect(mapped).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } });
    const date = asInputError(sqlError('22008'), { first: 5, filter: { activeOn: new Date('0001-01-01T00:00:00Z') } });
    expect(date).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.activeOn' } });
    // Anything else is not the client's doing and stays what it was.
    const other = sqlError('40001');
    expect(asInputError(other, { input: { title: 'a\u0000b' } })).toBe(other);
  });

  it('guards every field with arguments of a schema, and only those', async () => {
    const schema = guardInputErrors(
      buildSchema('type Query { find(name: String): String plain: String }'),
    );
    const resolvers = {
      find: () => Promise.reject(sqlError('22021')),
      plain: () => 'ok',
    };
    const result = await graphql({ schema, source: '{ find(name: "a\\u0000b") plain }', rootValue: resolvers });
    expect(result.data).toEqual({ find: null, plain: 'ok' });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(schema.getQueryType()!.getFields().plain.resolve).toBeUndefined();
  });
});
