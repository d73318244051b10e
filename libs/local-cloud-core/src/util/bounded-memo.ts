/**
 * Remembers `compute(key)` for keys seen before (a device's partition key, a topic): the hot path
 * asks the same few thousand keys for every message. At most `capacity` entries; once full it
 * starts over, so a stream of ever-new keys costs memory only up to that bound.
 */
export function boundedMemo<V>(compute: (key: string) => V, capacity = 100_000): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    const hit = known.get(key);
    if (hit !== undefined || known.has(key)) return hit as V;
    if (known.size >= capacity) known.clear();
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}
