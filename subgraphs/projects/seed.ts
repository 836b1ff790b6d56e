import type { EntityManager } from '@mikro-orm/postgresql';
import fs from 'node:fs';
import path from 'node:path';
import { slugify } from '../../shared/ids.js';
import {
  COOPERATION_SLUG, DATA_DIR, PARTNER_SLUGS, TOPIC_KEYS, municipalitySlug, organizationId, projectId, readCsv,
  type LeaderRegionRow, type MunicipalityRow,
} from '../../shared/reference-data.js';
import { FundingEntity, FundingSource } from './funding.entity.js';
import { ParticipationEntity, ParticipationRole } from './participation.entity.js';
import { parseProfileText } from './profile-text.js';
import { ProjectEntity, ProjectStatus } from './project.entity.js';
import { TopicEntity } from './topic.entity.js';

const TOPICS: Pick<TopicEntity, 'key' | 'name' | 'description'>[] = [
  { key: TOPIC_KEYS.regionalDevelopment, name: 'Regionalentwicklung', description: 'Gemeinsame Entwicklung der Region Münsterland.' },
  { key: TOPIC_KEYS.interMunicipal, name: 'Interkommunale Zusammenarbeit', description: 'Zusammenarbeit von Kreisen, Städten und Gemeinden.' },
  { key: TOPIC_KEYS.knowledgeTransfer, name: 'Informations- und Wissenstransfer', description: '„Voneinander Wissen“ und „voneinander Lernen“.' },
  { key: TOPIC_KEYS.leader, name: 'LEADER-Regionen', description: 'Ländliche Entwicklung im EU-Programm LEADER (ELER), Förderperiode 2023–2027.' },
  { key: TOPIC_KEYS.economicDevelopment, name: 'Wirtschaftsförderung', description: 'Förderung der regionalen Wirtschaft.' },
];

interface ProjectSeed {
  project: Omit<ProjectEntity, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'archivedAt' | 'isSample' | 'participations'> & { isSample?: boolean };
  participants: { slug: string; role: ParticipationRole; note?: string }[];
  funding: { source: FundingSource; description: string; amountEur?: number }[];
}

/** The cooperation of data/seed-profile-informelle-regionalentwicklung.txt, read from the file itself. */
function cooperation(municipalities: MunicipalityRow[]): ProjectSeed {
  const profile = parseProfileText(fs.readFileSync(path.join(DATA_DIR, 'seed-profile-informelle-regionalentwicklung.txt'), 'utf8'));
  const { sections } = profile;
  const implementation = sections.Umsetzung!;
  const attribution = /\(Quelle für Text und Bild: ([^)]+)\)/.exec(implementation);
  return {
    project: {
      slug: COOPERATION_SLUG,
      title: profile.title,
      summary:
        'Die Kreise Borken, Coesfeld, Steinfurt und Warendorf, die Stadt Münster und der Münsterland e. V. arbeiten seit 2018 eng, ' +
        'systematisch und dauerhaft in der Regionalentwicklung zusammen: Informationen austauschen, gemeinsame Themen finden und als Projekte bearbeiten. ' +
        'Die Grundlagen der Kooperation hält die Münsterland-Erklärung fest.',
      // The published profile has no Stichworte besides its distinction (below): none are invented here.
      keywords: [],
      occasion: sections.Anlass,
      goal: sections.Ziel,
      implementation: implementation.replace(attribution?.[0] ?? '', '').trim(),
      financing: sections.Finanzierung,
      legalForm: sections.Rechtsform ?? null,
      cooperatingSince: Number(sections['Zusammenarbeit seit']),
      status: ProjectStatus.ACTIVE,
      startDate: null,
      endDate: null,
      leadOrganizationId: organizationId(PARTNER_SLUGS.borken),
      topicKeys: [TOPIC_KEYS.regionalDevelopment, TOPIC_KEYS.interMunicipal, TOPIC_KEYS.knowledgeTransfer],
      // The four Kreise and Münster together: every municipality of the region.
      municipalityAgs: municipalities.map((municipality) => municipality.ags),
      contact: { name: 'Kreis Borken', street: 'Burloer Str. 93', postalCode: '46325', city: 'Borken', phone: '02861 681 100', email: 'info@kreis-borken.de', website: 'https://www.kreis-borken.de' },
      distinctions: [sections.Stichworte!],
      sourceAttribution: attribution ? `Quelle für Text und Bild: ${attribution[1]}` : 'Kreis Borken',
      sourceUrl: null,
    },
    // As published: the partners in the profile's order under the title, the Münsterland e.V. under "Sonstige Beteiligte".
    participants: [
      ...[PARTNER_SLUGS.coesfeld, PARTNER_SLUGS.warendorf, PARTNER_SLUGS.steinfurt, PARTNER_SLUGS.muenster].map((slug) => ({ slug, role: ParticipationRole.PARTNER })),
      { slug: PARTNER_SLUGS.muensterland, role: ParticipationRole.SUPPORTER },
    ],
    funding: [{ source: FundingSource.LAND_NRW, description: sections.Finanzierung! }],
  };
}

/** Amounts published for single regions (data/SOURCES.md). */
const LEADER_FUNDING: Record<string, ProjectSeed['funding']> = {
  Baumberge: [{ source: FundingSource.EU, description: 'LEADER-Regionalmanagement, Förderbescheid 08/2023', amountEur: 599_919 }],
  Kleeblatt: [{ source: FundingSource.EU, description: 'LEADER-Regionalmanagement, Förderbescheid vom 15.08.2023', amountEur: 488_705 }],
  'Kulturlandschaft Westmünsterland': [{
    source: FundingSource.EU, amountEur: 2_700_000,
    description: 'LEADER-Budget bis 2029 (darin ein Zuschuss für das Regionalmanagement von 487.995 EUR, 08/2023)',
  }],
  'Steinfurter Land': [{ source: FundingSource.EU, description: 'LEADER-Budget 2023–2028 (Pressemitteilung Kreis Steinfurt)', amountEur: 3_100_000 }],
  'Tecklenburger Land': [{ source: FundingSource.EU, description: 'LEADER-Budget 2023–2028 (Pressemitteilung Kreis Steinfurt)', amountEur: 3_100_000 }],
};

/** The nine LEADER regions of data/leader-regions-2023-2027.csv, members as participants. */
function leaderRegions(municipalities: MunicipalityRow[]): ProjectSeed[] {
  const byAgs = new Map(municipalities.map((municipality) => [municipality.ags, municipality]));
  return readCsv<LeaderRegionRow>('leader-regions-2023-2027.csv').map((row) => {
    const members = row.member_ags.split(/\s+/).map((ags) => byAgs.get(ags)!);
    const outside = row.members_outside_area ? ` Außerhalb des Münsterlandes gehören ${row.members_outside_area.replace(/; /g, ' und ')} dazu.` : '';
    const note = row.note ? ` Hinweis: ${row.note}.` : '';
    return {
      project: {
        slug: slugify(`LEADER-Region ${row.region}`),
        title: `LEADER-Region ${row.region}`,
        summary: `LEADER-Region der Förderperiode ${row.period.replace('-', '–')} mit ${row.member_names.replace(/; /g, ', ')}.${outside}${note}`,
        keywords: ['LEADER', 'ländliche Entwicklung', 'ELER', row.region],
        occasion: null,
        goal: 'Entwicklung des ländlichen Raums nach der lokalen Entwicklungsstrategie der Region (LEADER, EU-Förderprogramm ELER).',
        implementation: null,
        financing: 'EU-Förderprogramm LEADER (ELER) mit Mitteln des Landes Nordrhein-Westfalen; gefördert wird bis zum 31.12.2028.',
        legalForm: null,
        cooperatingSince: 2023,
        status: ProjectStatus.ACTIVE,
        startDate: '2023-01-01',
        endDate: '2028-12-31',
        leadOrganizationId: null,
        topicKeys: [TOPIC_KEYS.leader, TOPIC_KEYS.regionalDevelopment],
        municipalityAgs: members.map((member) => member.ags),
        contact: { website: row.source },
        distinctions: [],
        sourceAttribution: 'LEADER Baumberge, „Regierungsbezirk Münster präsentiert seine neun LEADER-Regionen“; Kreis Steinfurt, Pressemitteilungen Nr. 408 und 170',
        sourceUrl: row.source,
      },
      participants: members.map((member) => ({
        slug: municipalitySlug(member),
        role: ParticipationRole.MEMBER,
        note: member.ags === '05570052' && row.note ? 'Nur die Ortsteile Einen-Müssingen, Freckenhorst, Hoetmar und Milte.' : undefined,
      })),
      funding: LEADER_FUNDING[row.region] ?? [],
    };
  });
}

/** Inserts what is missing; a second run changes nothing, and nothing a partner changed is overwritten. */
export async function seedProjects(em: EntityManager): Promise<void> {
  const knownTopics = new Set((await em.find(TopicEntity, {})).map((topic) => topic.key));
  for (const topic of TOPICS) if (!knownTopics.has(topic.key)) em.create(TopicEntity, topic);

  const municipalities = readCsv<MunicipalityRow>('municipalities.csv');
  const seeds = [cooperation(municipalities), ...leaderRegions(municipalities)];
  const knownProjects = new Set((await em.find(ProjectEntity, {}, { fields: ['slug'] })).map((project) => project.slug));
  for (const { project, participants, funding } of seeds) {
    if (knownProjects.has(project.slug)) continue;
    const entity = em.create(ProjectEntity, { ...project, id: projectId(project.slug) });
    // Participants are listed by role, then in the order they were added: one millisecond apart keeps the seed's order.
    const addedAt = Date.now();
    participants.forEach((participant, index) => {
      em.create(ParticipationEntity, {
        project: entity, organizationId: organizationId(participant.slug), role: participant.role, note: participant.note ?? null,
        createdAt: new Date(addedAt + index), updatedAt: new Date(addedAt + index),
      });
    });
    for (const source of funding) em.create(FundingEntity, { project: entity, ...source });
  }
  await em.flush();
}
