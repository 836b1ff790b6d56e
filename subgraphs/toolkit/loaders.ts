import DataLoader from 'dataloader';

/**
 * Per-request loaders: one SQL statement for all keys asked for in the same tick, however long
 * the list that asked. `fetch` gets the distinct keys and may return rows in any order.
 */
export function loadOne<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Like `loadOne` for one-to-many relations: every key gets the (possibly empty) list of its rows. */
export function loadMany<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keysOf: (row: V) => K | readonly K[],
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const rowKeys = keysOf(row);
      for (const key of Array.isArray(rowKeys) ? rowKeys : [rowKeys as K]) byKey.get(key)?.push(row);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
