import type { ScalarType } from './catalog-types';

/** Identity of a record: measure name, dimensions (sorted by name) and time in nanoseconds. */
export function recordKey(measureName: string, dimensions: ReadonlyArray<{ name: string; value: string }>, timeNs: bigint | string): string {
  let key = measureName;
  const dims = isSorted(dimensions) ? dimensions : [...dimensions].sort(byName);
  for (const d of dims) key += `\u001f${d.name}\u001e${d.value}`;
  return `${key}\u001d${timeNs}`;
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function isSorted(items: ReadonlyArray<{ name: string }>): boolean {
  for (let i = 1; i < items.length; i++) if (items[i - 1].name > items[i].name) return false;
  return true;
}

/** 53-bit hash (cyrb53) of a record's measure values: name, type and canonical value, order-independent. */
export function valueHash(values: ReadonlyArray<{ name: string; type: ScalarType; value: string }>): number {
  const sorted = isSorted(values) ? values : [...values].sort(byName);
  const state = [0xdeadbeef, 0x41c6ce57];
  for (const v of sorted) {
    mix(state, v.name);
    mix(state, v.type);
    mix(state, v.value);
  }
  return finish(state[0], state[1]);
}

function mix(state: number[], str: string): void {
  let h1 = state[0];
  let h2 = state[1];
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  // a separator so that ("ab","c") and ("a","bc") differ
  state[0] = Math.imul(h1 ^ 0x1f, 2654435761);
  state[1] = Math.imul(h2 ^ 0x1f, 1597334677);
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Canonical text of a DOUBLE (shortest round trip), shared by the write path and the index loader. */
export const canonicalDouble = (n: number): string => String(n);
