import { Field, ObjectType } from 'type-graphql';
import { KnowledgeResource } from './resource.type.js';

@ObjectType({ description: 'The result of `createKnowledgeResource`, `updateKnowledgeResource` and `archiveKnowledgeResource`.' })
export class KnowledgeResourcePayload {
  @Field(() => KnowledgeResource, { description: 'The resource as it is now, with its new version.' })
  knowledgeResource!: KnowledgeResource;
}
