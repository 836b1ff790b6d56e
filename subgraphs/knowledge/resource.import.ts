import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireWriter } from '../../shared/auth.js';
import { checkEveryRow, inField, LINE_DESCRIPTION, MAX_IMPORT_ROWS, uniqueSlugs } from '../toolkit/batch.import.js';
import type { RequestContext } from '../toolkit/context.js';
import { createdBy, definedOnly, writeTransaction } from '../toolkit/mutations.js';
import { assertMayAuthor, assertMayRelate } from './ownership.js';
import { KnowledgeResourceEntity, ResourceKind } from './resource.entity.js';
import type { KnowledgeLoaders } from './resource.loader.js';
import { KnowledgeResourceFieldsInput } from './resource.mutation-inputs.js';
import { KnowledgeResource } from './resource.type.js';
import { assertReferencesExist, projectMembers, resourceChanges, resourceSummary, resourceTitle } from './resource.validation.js';

/**
 * `importKnowledgeResources`: many new resources in one transaction (what `npm run import`
 * sends). Every row passes the checks of `createKnowledgeResource`; one bad row refuses the whole
 * batch, naming every bad row.
 */

type Context = RequestContext<KnowledgeLoaders>;

@InputType({ description: 'One knowledge resource of an import: the fields of `CreateKnowledgeResourceInput` except `authorOrganizationId` (your organization is the author of every imported resource).' })
export class ImportKnowledgeResourceRow extends KnowledgeResourceFieldsInput {
  @Field(() => Int, { nullable: true, description: LINE_DESCRIPTION })
  line?: number | null;

  @Field(() => String, { description: 'Title: 1 to 300 characters.' })
  title!: string;

  @Field(() => ResourceKind, { description: 'What kind of resource this is.' })
  kind!: ResourceKind;

  @Field(() => String, { description: 'Short summary of the content; not empty.' })
  summary!: string;
}

@InputType({ description: 'Knowledge resources to import in one transaction.' })
export class ImportKnowledgeResourcesInput {
  @Field(() => [ImportKnowledgeResourceRow], { description: `The resources, 1 to ${MAX_IMPORT_ROWS}.` })
  rows!: ImportKnowledgeResourceRow[];

  @Field(() => Boolean, { nullable: true, description: 'Only check the rows, write nothing (default false).' })
  dryRun?: boolean | null;
}

@ObjectType({ description: 'The result of `importKnowledgeResources`.' })
export class ImportKnowledgeResourcesPayload {
  @Field(() => Boolean, { description: 'True when the rows were only checked.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Rows checked, and written unless this was a dry run.' })
  rowCount!: number;

  @Field(() => [KnowledgeResource], { description: 'The new resources in the order of the rows; empty on a dry run.' })
  knowledgeResources!: KnowledgeResourceEntity[];
}

@Resolver()
export class KnowledgeResourceImportResolver {
  @Mutation(() => ImportKnowledgeResourcesPayload, {
    description: 'Publishes many knowledge resources as your organization in one transaction: every row is checked as `createKnowledgeResource` checks its input, '
      + 'and if any row fails, nothing is written and the error names every bad row (`extensions.rows`: line, field, message).',
  })
  async importKnowledgeResources(
    @Arg('input', () => ImportKnowledgeResourcesInput, { description: 'What to write (see the fields of `ImportKnowledgeResourcesInput`).' }) input: ImportKnowledgeResourcesInput,
    @Ctx() { em, partner }: Context,
  ): Promise<ImportKnowledgeResourcesPayload> {
    const writer = requireWriter(partner);
    const authorOrganizationId = writer.organizationId;
    assertMayAuthor(writer, authorOrganizationId);

    const rows = await checkEveryRow(input.rows, async (row) => {
      const title = resourceTitle(row.title);
      const fields = { ...definedOnly(resourceChanges(row)), title, summary: resourceSummary(row.summary), kind: row.kind, authorOrganizationId };
      await assertReferencesExist(fields);
      const members = await projectMembers(fields.projectIds ?? []);
      try {
        assertMayRelate(writer, authorOrganizationId, members);
      } catch (error) {
        throw inField(error, 'input.projectIds');
      }
      return fields;
    });
    if (input.dryRun) return { dryRun: true, rowCount: rows.length, knowledgeResources: [] };

    const knowledgeResources = await writeTransaction(em, async (tx) => {
      const slugs = await uniqueSlugs(tx, KnowledgeResourceEntity, rows.map((row) => row.title), 'ressource', 120);
      return rows.map((fields, index) => tx.create(KnowledgeResourceEntity, { ...fields, slug: slugs[index], ...createdBy(writer) }));
    }, 2);
    return { dryRun: false, rowCount: knowledgeResources.length, knowledgeResources };
  }
}
