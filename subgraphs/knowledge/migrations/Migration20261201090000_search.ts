import { Migration } from '@mikro-orm/migrations';

/**
 * German full-text search over knowledge resources and the indexes of the resource filters and
 * orders. Written by hand: the entity does not know the generated column.
 */
export class Migration20261201090000_search extends Migration {

  override async up(): Promise<void> {
    // The same folding as in the projects subgraph (each subgraph owns its database): "Münster"
    // and "Muenster" are one word; lower() after folding, since a "C" ctype lowercases ASCII only.
    this.addSql(`create or replace function fold_german(value text) returns text language sql immutable strict parallel safe as $$
      select lower(replace(replace(replace(replace(replace(replace(replace(replace(normalize(value, NFC),
        'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss'))
    $$;`);
    // array_to_string is only STABLE in general; for text[] it is immutable, as a generated column needs.
    this.addSql(`create or replace function fold_german(value text[]) returns text language sql immutable strict parallel safe as $$
      select fold_german(array_to_string(value, ' '))
    $$;`);

    this.addSql(`alter table "knowledge_resource" add column "search_vector" tsvector generated always as (
      setweight(to_tsvector('german', fold_german(title)), 'A') ||
      setweight(to_tsvector('german', fold_german(summary)), 'B') ||
      setweight(to_tsvector('german', fold_german(array[body, source_attribution])), 'C')
    ) stored;`);
    this.addSql(`create index "knowledge_resource_search_vector_index" on "knowledge_resource" using gin ("search_vector");`);
    this.addSql(`create index "knowledge_resource_language_index" on "knowledge_resource" ("language");`);
    this.addSql(`create index "knowledge_resource_title_id_index" on "knowledge_resource" ("title", "id");`);
    this.addSql(`create index "knowledge_resource_created_at_id_index" on "knowledge_resource" ("created_at", "id");`);
    this.addSql(`create index "knowledge_resource_updated_at_id_index" on "knowledge_resource" ("updated_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "knowledge_resource_updated_at_id_index";`);
    this.addSql(`drop index if exists "knowledge_resource_created_at_id_index";`);
    this.addSql(`drop index if exists "knowledge_resource_title_id_index";`);
    this.addSql(`drop index if exists "knowledge_resource_language_index";`);
    this.addSql(`alter table "knowledge_resource" drop column if exists "search_vector";`);
    this.addSql(`drop function if exists fold_german(text[]);`);
    this.addSql(`drop function if exists fold_german(text);`);
  }

}
