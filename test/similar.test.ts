import { describe, expect, it } from 'vitest';
import { graphql } from './client.js';

const SIMILAR = `query($projectId: ID, $draft: ProjectDraftInput, $first: Int) {
  similarProjects(projectId: $projectId, draft: $draft, first: $first) { score reasons project { slug } }
}`;

describe('duplicate check ("Doppelarbeit vermeiden")', () => {
  it('ranks the cooperation first for a draft close to its title', async () => {
    const { data, errors } = await graphql(`{
      similarProjects(draft: { title: "Informelle Regionalentwicklung Münsterland", summary: "Zusammenarbeit der Kreise Borken, Coesfeld, Steinfurt und Warendorf mit der Stadt Münster" }, first: 3) {
        score reasons project { slug }
      }
    }`);
    expect(errors).toBeUndefined();
    const [best, ...rest] = data.similarProjects;
    expect(best.project.slug).toBe('informelle-regionalentwicklung-im-muensterland');
    expect(best.score).toBeGreaterThan(0.5);
    expect(best.score).toBeLessThanOrEqual(1);
    expect(best.reasons.some((reason: string) => /^title similar \(0\.\d\d\)$/.test(reason))).toBe(true);
    expect(rest.every((other: any) => other.score < best.score && other.score >= 0)).toBe(true);
    expect(data.similarProjects.length).toBeLessThanOrEqual(3);
  });

  it('counts shared topics and finds a project by umlaut spelling alike', async () => {
    const { data } = await graphql(SIMILAR, { draft: { title: 'Leader Region Baumberge', topicKeys: ['leader'] }, first: 5 });
    expect(data.similarProjects[0].project.slug).toBe('leader-region-baumberge');
    expect(data.similarProjects[0].reasons).toContain('1 shared topic (leader)');
    const { data: spelled } = await graphql(SIMILAR, { draft: { title: 'Informelle Regionalentwicklung im Muensterland' }, first: 1 });
    expect(spelled.similarProjects[0].project.slug).toBe('informelle-regionalentwicklung-im-muensterland');
    expect(spelled.similarProjects[0].score).toBeGreaterThan(0.9);
  });

  it('compares an existing project with the others and leaves the project itself out', async () => {
    const { data: lookup } = await graphql(`{ project(slug: "leader-region-baumberge") { id } }`);
    const { data, errors } = await graphql(SIMILAR, { projectId: lookup.project.id, first: 10 });
    expect(errors).toBeUndefined();
    const slugs = data.similarProjects.map(({ project }: any) => project.slug);
    expect(slugs).not.toContain('leader-region-baumberge');
    expect(slugs.filter((slug: string) => slug.startsWith('leader-region-'))).toHaveLength(8);
    expect(data.similarProjects[0].reasons).toContain('2 shared topics (leader, regionalentwicklung)');
    const scores = data.similarProjects.map(({ score }: any) => score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
  });

  it('needs exactly one of projectId and draft, a sane page size and a title; hostile text is safe', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'projectId'],
      [{ projectId: '00000000-0000-0000-0000-000000000000', draft: { title: 'x' } }, 'projectId'],
      [{ projectId: 'not-an-id' }, 'projectId'],
      [{ draft: { title: 'x' }, first: 0 }, 'first'],
      [{ draft: { title: 'x' }, first: 1000 }, 'first'],
      [{ draft: { title: '   ' } }, 'draft.title'],
      [{ draft: { title: 'x'.repeat(10_000) } }, 'draft.title'],
      [{ draft: { title: 'x', topicKeys: Array.from({ length: 200 }, (_, index) => `k${index}`) } }, 'draft.topicKeys'],
      [{ draft: { title: 'x', topicKeys: ['leader\u0000'] } }, 'draft.topicKeys'],
    ];
    for (const [variables, field] of cases) {
      const { status, errors } = await graphql(SIMILAR, variables);
      expect(status).toBeLessThan(500);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    for (const title of ['%_\\', '\'"); drop table project; --', 'Koope\u0000ration 🤝', '&|!():*', 'or or or']) {
      const { status, errors } = await graphql(SIMILAR, { draft: { title, summary: title, topicKeys: ['leader'] } });
      expect(status).toBe(200);
      expect(errors).toBeUndefined();
    }
  });
});
