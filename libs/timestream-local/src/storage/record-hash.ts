/**
 * Identity of a record (measure name, dimensions, time) as a 96-bit fingerprint in three 32-bit
 * lanes, computed without building a key string. The record index keeps fingerprints instead of keys, so a
 * stored record costs a few numbers in typed arrays and nothing the garbage collector has to visit.
 * Two different records share a fingerprint with probability about n^2 / 2^97 (1e-11 for a billion records).
 */
import type { MeasureValueEntry, StoredValue } from './resource-types';

export type Fingerprint = Int32Array;

export const newFingerprint = (): Fingerprint => new Int32Array(3);

// Three 32-bit hash lanes (xor, multiply by an odd constant, xor-shift per character; other constants per
// lane), in module state so that hashing allocates nothing.
let h0 = 0;
let h1 = 0;
let h2 = 0;

function mixCode(code: number): void {
  h0 = Math.imul(h0 ^ code, 0x9e3779b1);
  h1 = Math.imul(h1 ^ code, 0x85ebca77);
  h2 = Math.imul(h2 ^ code, 0xc2b2ae3d);
  // fold the high bits back down: a multiply alone only carries differences upwards
  h0 ^= h0 >>> 15;
  h1 ^= h1 >>> 13;
  h2 ^= h2 >>> 16;
}

/** the text, then a separator no text contains as itself (its length, tagged), so ("ab","c") and ("a","bc") differ */
function mixText(text: string): void {
  for (let i = 0; i < text.length; i++) mixCode(text.charCodeAt(i));
  mixCode(0x110000 + text.length);
}

function avalanche(h: number, seed: number): number {
  h ^= seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

// Order-independent sums of item hashes: each item (a few texts) is hashed on its own, avalanched, and added.
let sum0 = 0;
let sum1 = 0;
let sum2 = 0;

/** Lane states after hashing an item's leading texts (a dimension's name; a measure's name and type), which
 * repeat from record to record. Bounded: cleared when it holds this many. */
const PREFIX_CACHE_LIMIT = 4096;
interface PrefixState {
  second: string | undefined;
  s0: number;
  s1: number;
  s2: number;
}
const prefixes = new Map<string, PrefixState>();

function startItem(first: string, second: string | undefined): void {
  const cached = prefixes.get(first);
  if (cached !== undefined && cached.second === second) {
    h0 = cached.s0;
    h1 = cached.s1;
    h2 = cached.s2;
    return;
  }
  h0 = 0x510e527f;
  h1 = 0x9b05688c;
  h2 = 0x1f83d9ab;
  mixText(first);
  if (second !== undefined) mixText(second);
  if (prefixes.size >= PREFIX_CACHE_LIMIT) prefixes.clear();
  prefixes.set(first, { second, s0: h0, s1: h1, s2: h2 });
}

const numberBits = new Float64Array(1);
const numberWords = new Int32Array(numberBits.buffer);

/** Adds the hash of the item (first, second?, last) to the sums; a number is hashed as its 64 bits. */
function addItem(first: string, second: string | undefined, last: StoredValue): void {
  startItem(first, second);
  if (typeof last === 'string') mixText(last);
  else {
    numberBits[0] = last;
    mixCode(numberWords[0]);
    mixCode(numberWords[1]);
  }
  sum0 = (sum0 + avalanche(h0, h2)) | 0;
  sum1 = (sum1 + avalanche(h1, h0)) | 0;
  sum2 = (sum2 + avalanche(h2, h1)) | 0;
}

/**
 * Writes the fingerprint of (measure name, dimensions in any order, time) into `out`. `timeMs` is the time in
 * whole milliseconds and `nsOfMs` the nanoseconds past it (0..999,999).
 */
export function fingerprintRecord(measureName: string, dimensions: ReadonlyArray<{ name: string; value: string }>, timeMs: number, nsOfMs: number, out: Fingerprint): Fingerprint {
  sum0 = sum1 = sum2 = 0;
  for (let i = 0; i < dimensions.length; i++) addItem(dimensions[i].name, undefined, dimensions[i].value);
  h0 = 0x2545f491;
  h1 = 0x6a09e667;
  h2 = 0x3c6ef372;
  mixText(measureName);
  mixCode(dimensions.length);
  mixCode(sum0);
  mixCode(sum1);
  mixCode(sum2);
  // time as three integers below 2^32: ms split at 2^32, then the nanoseconds within the ms
  mixCode(timeMs % 0x100000000);
  mixCode(Math.floor(timeMs / 0x100000000));
  mixCode(nsOfMs);
  out[0] = avalanche(h0, h2);
  out[1] = avalanche(h1, h0);
  out[2] = avalanche(h2, h1);
  return out;
}

/** 53-bit hash of a record's measure values (name, type, stored value), independent of their order. */
export function valueHash(values: ReadonlyArray<MeasureValueEntry>): number {
  sum0 = sum1 = sum2 = 0;
  for (let i = 0; i < values.length; i++) addItem(values[i].name, values[i].type, values[i].value);
  const hi = avalanche(sum1 ^ values.length, sum2) & 0x1fffff;
  return hi * 0x100000000 + (avalanche(sum0, sum2) >>> 0);
}
