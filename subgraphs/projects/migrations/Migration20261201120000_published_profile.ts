import { Migration } from '@mikro-orm/migrations';
import { COOPERATION_SLUG, PARTNER_SLUGS, organizationId, projectId } from '../../../shared/reference-data.js';

/**
 * Brings an installation seeded before this change to the published profile of the cooperation
 * (data/seed-profile-informelle-regionalentwicklung.txt): no invented Stichworte, the partners in
 * the published order, the Münsterland e.V. among "Sonstige Beteiligte". Only rows no partner has
 * changed (`updated_by = 'seed'`) are touched; on a new installation the seed writes them so.
 */
export class Migration20261201120000_published_profile extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    const project = projectId(COOPERATION_SLUG);
    this.addSql(knex.raw(
      `update project set keywords = '{}', updated_at = now() where id = ? and updated_by = 'seed' and keywords = array[?, ?, ?, ?, ?]::text[]`,
      [project, 'Regionalentwicklung', 'Interkommunale Zusammenarbeit', 'Kooperation', 'Wissenstransfer', 'Münsterland-Erklärung'],
    ));
    this.addSql(knex.raw(
      `update project_participation set role = 'SUPPORTER', updated_at = now() where project_id = ? and organization_id = ? and updated_by = 'seed' and role = 'PARTNER'`,
      [project, organizationId(PARTNER_SLUGS.muensterland)],
    ));
    // Participants are listed by role, then by when they were added: one millisecond apart, in the published order.
    [PARTNER_SLUGS.coesfeld, PARTNER_SLUGS.warendorf, PARTNER_SLUGS.steinfurt, PARTNER_SLUGS.muenster, PARTNER_SLUGS.muensterland].forEach((slug, index) => {
      this.addSql(knex.raw(
        `update project_participation pp set created_at = p.created_at + make_interval(secs => ? / 1000.0)
         from project p where p.id = pp.project_id and pp.project_id = ? and pp.organization_id = ? and pp.updated_by = 'seed'`,
        [index, project, organizationId(slug)],
      ));
    });
  }
}
