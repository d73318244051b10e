import type { ScalarType } from './catalog-types';

/** Identity of a record: measure name, dimensions (sorted by name) and time in nanoseconds. */
export function recordKey(measureName: string, dimensions: ReadonlyArray<{ name: string; value: string }>, timeNs: bigint | string): string {
  let key = measureName;
  const dims = dimensions.length > 1 ? [...dimensions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : dimensions;
  for (const d of dims) key += `\u001f${d.name}\u001e${d.value}`;
  return `${key}\u001d${timeNs}`;
}

/** 53-bit hash of a record's measure values (name, type and canonical value, order-independent). */
export function valueHash(values: ReadonlyArray<{ name: string; type: ScalarType; value: string }>): number {
  const sorted = values.length > 1 ? [...values].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : values;
  let text = '';
  for (const v of sorted) text += `${v.name}\u001e${v.type}\u001e${v.value}\u001f`;
  return cyrb53(text);
}

function cyrb53(str: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Canonical text of a DOUBLE (shortest round trip), shared by the write path and the index loader. */
export const canonicalDouble = (n: number): string => String(n);
