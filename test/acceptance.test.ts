import { describe, expect, it } from 'vitest';
import { graphql } from './client.js';

/** The acceptance query of the foundation issue, through the real gateway. */
const README_QUERY = /* GraphQL */ `
  {
    project(slug: "informelle-regionalentwicklung-im-muensterland") {
      title cooperatingSince
      lead { name kind ags population { value referenceDate source } areaKm2 }
      participants { role organization { name kind } }
      resources { title kind }
    }
    organizations(filter: { parentAgs: "05554" }, first: 50) { totalCount edges { node { name ags } } }
  }
`;

describe('the README query through the gateway', () => {
  it('returns the cooperation with its lead, partners, declaration and the municipalities of Kreis Borken', async () => {
    const { status, data, errors } = await graphql(README_QUERY);
    expect(errors).toBeUndefined();
    expect(status).toBe(200);

    const { project, organizations } = data;
    expect(project.title).toBe('Informelle Regionalentwicklung im Münsterland');
    expect(project.cooperatingSince).toBe(2018);
    expect(project.lead).toEqual({
      name: 'Kreis Borken',
      kind: 'KREIS',
      ags: '05554',
      population: { value: 374418, referenceDate: '2022-05-15', source: expect.stringContaining('Zensus 2022') },
      areaKm2: 1420.98,
    });
    expect(project.participants.map((participant: any) => participant.organization.name).sort()).toEqual([
      'Kreis Coesfeld', 'Kreis Steinfurt', 'Kreis Warendorf', 'Münsterland e.V.', 'Stadt Münster',
    ]);
    // As published: the partners in the profile's order, the Münsterland e.V. among "Sonstige Beteiligte".
    expect(project.participants.map((participant: any) => [participant.organization.name, participant.role])).toEqual([
      ['Kreis Coesfeld', 'PARTNER'], ['Kreis Warendorf', 'PARTNER'], ['Kreis Steinfurt', 'PARTNER'], ['Stadt Münster', 'PARTNER'], ['Münsterland e.V.', 'SUPPORTER'],
    ]);
    expect(project.resources).toContainEqual({ title: 'Münsterland-Erklärung', kind: 'DECLARATION' });

    expect(organizations.totalCount).toBe(17);
    expect(organizations.edges).toHaveLength(17);
    expect(organizations.edges.every(({ node }: any) => node.ags.startsWith('05554') && node.ags.length === 8)).toBe(true);
    expect(organizations.edges.map(({ node }: any) => node.name)).toContain('Gescher');
  });

  it('keeps both population series of Kreis Borken, each with its source and date', async () => {
    const { data } = await graphql(`{ organization(slug: "kreis-borken") { figures { kind value referenceDate source derived } } }`);
    expect(data.organization.figures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'POPULATION', value: 371898, referenceDate: '2020-12-31', source: 'IT.NRW', derived: false }),
        expect.objectContaining({ kind: 'POPULATION', value: 374418, referenceDate: '2022-05-15', derived: true }),
        expect.objectContaining({ kind: 'AREA_KM2', value: 1420.98, source: 'IT.NRW' }),
      ]),
    );
  });
});
