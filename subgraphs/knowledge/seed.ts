import type { EntityManager, RequiredEntityData } from '@mikro-orm/postgresql';
import { stableId } from '../../shared/ids.js';
import { COOPERATION_SLUG, PARTNER_SLUGS, TOPIC_KEYS, organizationId, projectId } from '../../shared/reference-data.js';
import { KnowledgeResourceEntity, ResourceKind } from './resource.entity.js';

type ResourceSeed = RequiredEntityData<KnowledgeResourceEntity> & { slug: string };

const PROFILE_SOURCE = 'Quelle für Text und Bild: Kreis Borken und Links';

/**
 * The resources every installation starts with. Real records hold only facts of the seed profile
 * (data/seed-profile-informelle-regionalentwicklung.txt); invented ones are marked `isSample`.
 */
export function referenceResources(): ResourceSeed[] {
  const cooperation = projectId(COOPERATION_SLUG);
  return [
    {
      slug: 'muensterland-erklaerung',
      title: 'Münsterland-Erklärung',
      kind: ResourceKind.DECLARATION,
      summary:
        'Die Kreise Borken, Coesfeld, Steinfurt und Warendorf, die Stadt Münster sowie der Münsterland e. V. haben die '
        + 'Grundlagen ihrer Kooperation in Form der „Münsterland-Erklärung“ festgehalten. Sie haben sich zusammengeschlossen, '
        + 'um eine enge, systematische und dauerhafte Zusammenarbeit in der Regionalentwicklung im Münsterland voranzutreiben, '
        + 'und dafür im Jahr 2018 den landesseitig geförderten Arbeitsprozess „Informelle Regionalentwicklung im Münsterland“ '
        + 'gestartet. Sie verstehen sich als Partner und Dienstleister für die kreisangehörigen Kommunen.',
      language: 'de',
      authorOrganizationId: organizationId(PARTNER_SLUGS.borken),
      projectIds: [cooperation],
      topicKeys: [TOPIC_KEYS.regionalDevelopment, TOPIC_KEYS.interMunicipal],
      sourceAttribution: PROFILE_SOURCE,
    },
    {
      slug: 'beispiel-wissenstransfer-im-arbeitskreis',
      title: 'Beispiel: Wissenstransfer im Arbeitskreis',
      kind: ResourceKind.LESSON_LEARNED,
      summary:
        'Beispieldatensatz zur Demonstration, keine echte Erfahrung: Ergebnisse aus Projekten einzelner Partner werden '
        + 'im Arbeitskreis kurz vorgestellt und hier als Wissensressource abgelegt, damit andere Kreise und Kommunen '
        + 'darauf aufbauen können, statt dieselbe Arbeit ein zweites Mal zu leisten.',
      language: 'de',
      authorOrganizationId: organizationId(PARTNER_SLUGS.muensterland),
      projectIds: [cooperation],
      topicKeys: [TOPIC_KEYS.knowledgeTransfer, TOPIC_KEYS.interMunicipal],
      isSample: true,
    },
  ];
}

/** Inserts what is missing (by slug); a second run changes nothing, and nothing a partner changed is overwritten. */
export async function seedKnowledge(em: EntityManager): Promise<void> {
  const existing = new Set((await em.find(KnowledgeResourceEntity, {}, { fields: ['slug'] })).map((resource) => resource.slug));
  for (const seed of referenceResources()) {
    if (existing.has(seed.slug)) continue;
    em.create(KnowledgeResourceEntity, { ...seed, id: stableId('knowledge-resource', seed.slug) });
  }
  await em.flush();
}
