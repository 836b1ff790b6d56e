import { Migration } from '@mikro-orm/migrations';

export class Migration20261127171649 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "organization_kind" as enum ('LAND', 'REGIERUNGSBEZIRK', 'KREIS', 'KREISFREIE_STADT', 'STADT', 'GEMEINDE', 'VEREIN', 'OTHER');`);
    this.addSql(`create type "figure_kind" as enum ('POPULATION', 'AREA_KM2');`);
    this.addSql(`create table "organization" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "created_by" varchar(120) not null default 'seed', "updated_by" varchar(120) not null default 'seed', "is_sample" boolean not null default false, "slug" varchar(120) not null, "name" varchar(300) not null, "official_name" varchar(300) null, "kind" "organization_kind" not null, "ags" varchar(8) null, "parent_id" uuid null, "description" text null, "website" varchar(500) null, "email" varchar(320) null, "phone" varchar(60) null, "street" varchar(200) null, "postal_code" varchar(10) null, "city" varchar(120) null, "archived_at" timestamptz null, constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`alter table "organization" add constraint "organization_slug_unique" unique ("slug");`);
    this.addSql(`create index "organization_name_index" on "organization" ("name");`);
    this.addSql(`create index "organization_kind_index" on "organization" ("kind");`);
    this.addSql(`alter table "organization" add constraint "organization_ags_unique" unique ("ags");`);
    this.addSql(`create index "organization_parent_id_index" on "organization" ("parent_id");`);

    this.addSql(`create table "organization_figure" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "created_by" varchar(120) not null default 'seed', "updated_by" varchar(120) not null default 'seed', "is_sample" boolean not null default false, "organization_id" uuid not null, "kind" "figure_kind" not null, "value" double precision not null, "reference_date" date not null, "source" varchar(300) not null, "source_url" varchar(500) null, "derived" boolean not null default false, "note" text null, constraint "organization_figure_pkey" primary key ("id"));`);
    this.addSql(`alter table "organization_figure" add constraint "organization_figure_organization_id_kind_referenc_f0519_unique" unique ("organization_id", "kind", "reference_date", "source");`);

    this.addSql(`create table "person" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "created_by" varchar(120) not null default 'seed', "updated_by" varchar(120) not null default 'seed', "is_sample" boolean not null default false, "organization_id" uuid not null, "name" varchar(200) not null, "role" varchar(200) null, "email" varchar(320) null, "phone" varchar(60) null, constraint "person_pkey" primary key ("id"));`);
    this.addSql(`create index "person_organization_id_index" on "person" ("organization_id");`);

    this.addSql(`alter table "organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "organization" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "organization_figure" add constraint "organization_figure_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "person" add constraint "person_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organization" drop constraint "organization_parent_id_foreign";`);

    this.addSql(`alter table "organization_figure" drop constraint "organization_figure_organization_id_foreign";`);

    this.addSql(`alter table "person" drop constraint "person_organization_id_foreign";`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "organization_figure" cascade;`);

    this.addSql(`drop table if exists "person" cascade;`);

    this.addSql(`drop type "organization_kind";`);
    this.addSql(`drop type "figure_kind";`);
  }

}
