import { describe, expect, it } from 'vitest';
import { isUuid, slugify, stableId } from '../../shared/ids.js';

describe('ids shared by the subgraphs without SQL between their databases', () => {
  it('derives the same version-5 UUID for the same slug in every subgraph', () => {
    const id = stableId('organization', 'kreis-borken');
    expect(stableId('organization', 'kreis-borken')).toBe(id);
    expect(stableId('organization', 'kreis-coesfeld')).not.toBe(id);
    expect(stableId('project', 'kreis-borken')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isUuid(id)).toBe(true);
  });

  it.each([
    ['Stadt Münster', 'stadt-muenster'],
    ['Münsterland e.V.', 'muensterland-e-v'],
    ['Straße der Großen Ölmühle', 'strasse-der-grossen-oelmuehle'],
    ['  Crème brûlée!  ', 'creme-brulee'],
  ])('slugifies %s as %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('recognises ids and refuses slugs', () => {
    expect(isUuid('informelle-regionalentwicklung-im-muensterland')).toBe(false);
  });
});
