import type { NormalizedRecord } from './resource-types';

/**
 * True when two records have the same shape: measure name, kind, dimension names and measure value names and
 * types, in the same order. Devices send the same shape again and again, so checks and column lookups done for
 * one record can be reused for the next one of the same shape.
 */
export function sameShape(a: NormalizedRecord, b: NormalizedRecord): boolean {
  if (a.measureName !== b.measureName || a.kind !== b.kind) return false;
  const ad = a.dimensions;
  const bd = b.dimensions;
  if (ad.length !== bd.length) return false;
  for (let i = 0; i < ad.length; i++) if (ad[i].name !== bd[i].name) return false;
  const av = a.values;
  const bv = b.values;
  if (av.length !== bv.length) return false;
  for (let i = 0; i < av.length; i++) if (av[i].name !== bv[i].name || av[i].type !== bv[i].type) return false;
  return true;
}
