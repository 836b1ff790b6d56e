import { Migration } from '@mikro-orm/migrations';

/**
 * German full-text search, trigram similarity (duplicate check) and the indexes of the project
 * filters and orders. Written by hand: the entities do not know the generated column.
 */
export class Migration20261201090000_search extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    // "Münster" and "Muenster", "Straße" and "Strasse" are one word to a searcher. Folded the same
    // way in the index and in every query; lower() after folding, since a "C" ctype database
    // lowercases ASCII only.
    this.addSql(`create or replace function fold_german(value text) returns text language sql immutable strict parallel safe as $$
      select lower(replace(replace(replace(replace(replace(replace(replace(replace(normalize(value, NFC),
        'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss'))
    $$;`);
    // array_to_string is only STABLE in general; for text[] it is immutable, as a generated column needs.
    this.addSql(`create or replace function fold_german(value text[]) returns text language sql immutable strict parallel safe as $$
      select fold_german(array_to_string(value, ' '))
    $$;`);
    // The Kreise (first five AGS digits) of a project's municipalities: Kreis filters and statistics.
    this.addSql(`create or replace function district_ags(municipality_ags text[]) returns text[] language sql immutable strict parallel safe as $$
      select coalesce(array_agg(distinct left(ags, 5) order by left(ags, 5)), '{}') from unnest(municipality_ags) ags
    $$;`);

    this.addSql(`alter table "project" add column "search_vector" tsvector generated always as (
      setweight(to_tsvector('german', fold_german(title)), 'A') ||
      setweight(to_tsvector('german', fold_german(array[summary] || keywords)), 'B') ||
      setweight(to_tsvector('german', fold_german(array[occasion, goal, implementation, financing])), 'C')
    ) stored;`);
    this.addSql(`create index "project_search_vector_index" on "project" using gin ("search_vector");`);
    this.addSql(`create index "project_title_trgm_index" on "project" using gin (fold_german(title) gin_trgm_ops);`);
    this.addSql(`create index "project_district_ags_index" on "project" using gin (district_ags(municipality_ags));`);
    // Open ends of the period are unbounded: a project without end date is active ever after.
    this.addSql(`create index "project_period_index" on "project" using gist (daterange(start_date, end_date, '[]'));`);
    this.addSql(`create index "project_title_id_index" on "project" ("title", "id");`);
    this.addSql(`create index "project_updated_at_id_index" on "project" ("updated_at", "id");`);
    this.addSql(`create index "project_created_at_id_index" on "project" ("created_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "project_created_at_id_index";`);
    this.addSql(`drop index if exists "project_updated_at_id_index";`);
    this.addSql(`drop index if exists "project_title_id_index";`);
    this.addSql(`drop index if exists "project_period_index";`);
    this.addSql(`drop index if exists "project_district_ags_index";`);
    this.addSql(`drop index if exists "project_title_trgm_index";`);
    this.addSql(`alter table "project" drop column if exists "search_vector";`);
    this.addSql(`drop function if exists district_ags(text[]);`);
    this.addSql(`drop function if exists fold_german(text[]);`);
    this.addSql(`drop function if exists fold_german(text);`);
  }

}
