import { Migration } from '@mikro-orm/migrations';

export class Migration20261127171925 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "project_status" as enum ('PLANNED', 'ACTIVE', 'COMPLETED');`);
    this.addSql(`create type "participation_role" as enum ('PARTNER', 'MEMBER', 'SUPPORTER');`);
    this.addSql(`create type "funding_source" as enum ('LAND_NRW', 'BUND', 'EU', 'KREIS', 'KOMMUNE', 'OWN_FUNDS', 'PRIVATE', 'OTHER');`);
    this.addSql(`create table "project" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "created_by" varchar(120) not null default 'seed', "updated_by" varchar(120) not null default 'seed', "is_sample" boolean not null default false, "slug" varchar(160) not null, "title" varchar(500) not null, "summary" text not null, "keywords" text[] not null default '{}', "occasion" text null, "goal" text null, "implementation" text null, "financing" text null, "legal_form" varchar(200) null, "cooperating_since" int null, "status" "project_status" not null, "start_date" date null, "end_date" date null, "lead_organization_id" uuid null, "topic_keys" text[] not null default '{}', "municipality_ags" text[] not null default '{}', "contact_name" varchar(200) null, "contact_street" varchar(200) null, "contact_postal_code" varchar(10) null, "contact_city" varchar(120) null, "contact_phone" varchar(60) null, "contact_email" varchar(320) null, "contact_website" varchar(500) null, "distinctions" text[] not null default '{}', "source_attribution" text null, "source_url" varchar(500) null, "archived_at" timestamptz null, constraint "project_pkey" primary key ("id"));`);
    this.addSql(`alter table "project" add constraint "project_slug_unique" unique ("slug");`);
    this.addSql(`create index "project_title_index" on "project" ("title");`);
    this.addSql(`create index "project_status_index" on "project" ("status");`);
    this.addSql(`create index "project_lead_organization_id_index" on "project" ("lead_organization_id");`);
    this.addSql(`create index "project_topic_keys_index" on "project" using gin ("topic_keys");`);
    this.addSql(`create index "project_municipality_ags_index" on "project" using gin ("municipality_ags");`);

    this.addSql(`create table "project_participation" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "created_by" varchar(120) not null default 'seed', "updated_by" varchar(120) not null default 'seed', "is_sample" boolean not null default false, "project_id" uuid not null, "organization_id" uuid not null, "role" "participation_role" not null, "note" text null, constraint "project_participation_pkey" primary key ("id"));`);
    this.addSql(`create index "project_participation_organization_id_index" on "project_participation" ("organization_id");`);
    this.addSql(`alter table "project_participation" add constraint "project_participation_project_id_organization_id_unique" unique ("project_id", "organization_id");`);

    this.addSql(`create table "project_funding" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "created_by" varchar(120) not null default 'seed', "updated_by" varchar(120) not null default 'seed', "is_sample" boolean not null default false, "project_id" uuid not null, "source" "funding_source" not null, "description" text not null, "amount_eur" double precision null, constraint "project_funding_pkey" primary key ("id"));`);
    this.addSql(`create index "project_funding_project_id_index" on "project_funding" ("project_id");`);

    this.addSql(`create table "topic" ("key" varchar(60) not null, "name" varchar(200) not null, "description" text null, "created_at" timestamptz not null default now(), constraint "topic_pkey" primary key ("key"));`);

    this.addSql(`alter table "project_participation" add constraint "project_participation_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project_funding" add constraint "project_funding_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "project_participation" drop constraint "project_participation_project_id_foreign";`);

    this.addSql(`alter table "project_funding" drop constraint "project_funding_project_id_foreign";`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "project_participation" cascade;`);

    this.addSql(`drop table if exists "project_funding" cascade;`);

    this.addSql(`drop table if exists "topic" cascade;`);

    this.addSql(`drop type "project_status";`);
    this.addSql(`drop type "participation_role";`);
    this.addSql(`drop type "funding_source";`);
  }

}
