import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Participant, Project } from './project.type.js';

@ObjectType({ description: 'An existing project that may describe the same thing as a new one ("Doppelarbeit vermeiden").' })
export class DuplicateCandidate {
  @Field(() => Float, { description: 'How alike the two are, from 0 (not at all) to 1 (the same).' })
  score!: number;

  @Field(() => [String], { description: 'Why they look alike, e.g. similar titles or shared topics.' })
  reasons!: string[];

  @Field(() => Project, { description: 'The existing project.' })
  project!: Project;
}

@ObjectType({ description: 'The result of `createProject`.' })
export class CreateProjectPayload {
  @Field(() => Project, { description: 'The new project.' })
  project!: Project;

  @Field(() => [DuplicateCandidate], { description: 'Existing projects like the new one, most alike first: check them, the caller decides (archive the new one if it is a duplicate).' })
  duplicateCandidates!: DuplicateCandidate[];
}

@ObjectType({ description: 'The result of `updateProject`.' })
export class UpdateProjectPayload {
  @Field(() => Project, { description: 'The project as it is now, with its new version.' })
  project!: Project;
}

@ObjectType({ description: 'The result of `archiveProject`.' })
export class ArchiveProjectPayload {
  @Field(() => Project, { description: 'The archived project: left out of lists, still readable by id or slug.' })
  project!: Project;
}

@ObjectType({ description: 'The result of `addParticipant` and `updateParticipant`.' })
export class ParticipantPayload {
  @Field(() => Participant, { description: 'The participation as it is now.' })
  participant!: Participant;
}

@ObjectType({ description: 'The result of `removeParticipant`.' })
export class RemoveParticipantPayload {
  @Field(() => ID, { description: 'Id of the participation that ended.' })
  removedParticipantId!: string;

  @Field(() => Project, { description: 'The project it belonged to.' })
  project!: Project;
}
