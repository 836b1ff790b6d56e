import { createHash } from 'node:crypto';

/**
 * A name-based (version 5) UUID. Seeds in different subgraphs derive the same id for the same
 * organization from its slug, so a reference crosses subgraphs without any SQL across databases. RFC 4122 section 4.3 in
 * a few lines of node:crypto, so the gateway, seeds and imports need no uuid package.
 */
export function stableId(kind: string, naturalKey: string): string {
  const hash = createHash('sha1').update(`muensterland-graph:${kind}:${naturalKey}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const GERMAN_LETTERS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue' };

/** Lowercase ASCII slug: "Stadt Münster" → "stadt-muenster", "Münsterland e.V." → "muensterland-e-v". */
export function slugify(text: string): string {
  return text
    .replace(/[äöüßÄÖÜ]/g, (letter) => GERMAN_LETTERS[letter])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;

/** A slug (`kreis-borken`) where an id (a UUID) belongs: a common mistake worth naming. */
export function looksLikeSlug(value: string): boolean {
  return !isUuid(value) && value.length <= 160 && SLUG.test(value);
}
