import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../toolkit/connection.js';
import { ProjectStatus } from './project.entity.js';

@ArgsType()
export class ProjectLookupArgs {
  @Field(() => ID, { nullable: true, description: 'The project\'s id.' })
  id?: string;

  @Field(() => String, { nullable: true, description: 'The project\'s slug.' })
  slug?: string;
}

@InputType({ description: 'Which projects to list. All conditions must hold.' })
export class ProjectFilter {
  @Field(() => [ProjectStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: ProjectStatus[];

  @Field(() => [String], { nullable: true, description: 'Projects on any of these topics.' })
  topicKeys?: string[];

  @Field(() => ID, { nullable: true, description: 'Projects this organization leads or takes part in.' })
  organizationId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Include archived projects (default false).' })
  includeArchived?: boolean;
}

@ArgsType()
export class ProjectsArgs extends PageArgs {
  @Field(() => ProjectFilter, { nullable: true, description: 'Conditions on the projects.' })
  filter?: ProjectFilter;
}
