export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The day a `YYYY-MM-DD` text names (midnight UTC), or null when it names none: month 13,
 * 30 February, year 0000 (there is no year 0, and PostgreSQL refuses it). One check for the
 * Date scalar of every subgraph and for the gateway's export parameters, so an impossible date
 * is refused before any SQL is written.
 */
export function calendarDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || value.startsWith('0000')) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return null;
  return date;
}
