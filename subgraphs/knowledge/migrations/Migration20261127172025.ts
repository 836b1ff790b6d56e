import { Migration } from '@mikro-orm/migrations';

export class Migration20261127172025 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "resource_kind" as enum ('DOCUMENT', 'DECLARATION', 'BEST_PRACTICE', 'LESSON_LEARNED', 'STUDY', 'MEETING_RECORD');`);
    this.addSql(`create table "knowledge_resource" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "created_by" varchar(120) not null default 'seed', "updated_by" varchar(120) not null default 'seed', "is_sample" boolean not null default false, "slug" varchar(120) not null, "title" varchar(300) not null, "kind" "resource_kind" not null, "summary" text not null, "body" text null, "url" varchar(500) null, "language" varchar(16) not null default 'de', "author_organization_id" uuid null, "topic_keys" text[] not null default '{}', "project_ids" uuid[] not null default '{}', "published_on" date null, "source_attribution" text null, "license" varchar(200) null, "archived_at" timestamptz null, constraint "knowledge_resource_pkey" primary key ("id"));`);
    this.addSql(`alter table "knowledge_resource" add constraint "knowledge_resource_slug_unique" unique ("slug");`);
    this.addSql(`create index "knowledge_resource_kind_index" on "knowledge_resource" ("kind");`);
    this.addSql(`create index "knowledge_resource_author_organization_id_index" on "knowledge_resource" ("author_organization_id");`);
    this.addSql(`create index "knowledge_resource_project_ids_gin" on "knowledge_resource" using gin ("project_ids");`);
    this.addSql(`create index "knowledge_resource_topic_keys_gin" on "knowledge_resource" using gin ("topic_keys");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "knowledge_resource" cascade;`);

    this.addSql(`drop type "resource_kind";`);
  }

}
