import { createHash, createHmac } from 'node:crypto';
import { murmur3x64128 } from './murmur3-128';
import { spookyHashV2 } from './spooky-hash-v2';
import { wordBytes } from './words64';
import { xxhash64 } from './xxhash64';

/** A Trino binary hash that DuckDB lacks, computed here: VARBINARY arguments, a VARBINARY answer. */
export interface BinaryHash {
  /** the name of the Trino function */
  name: string;
  /** its arguments, all varbinary: (data) or (data, key) */
  arity: 1 | 2;
  compute(data: Uint8Array, key?: Uint8Array): Uint8Array;
}

const bigEndian = (word: bigint): Uint8Array => wordBytes([word], false);

/** Trino's byte orders: xxhash64 and spooky_hash_v2_* big-endian, murmur3 its two halves little-endian (airlift's Murmur3Hash128). */
export const BINARY_HASHES: readonly BinaryHash[] = [
  { name: 'sha512', arity: 1, compute: (data) => createHash('sha512').update(data).digest() },
  { name: 'hmac_sha512', arity: 2, compute: (data, key) => createHmac('sha512', key ?? new Uint8Array()).update(data).digest() },
  { name: 'xxhash64', arity: 1, compute: (data) => bigEndian(xxhash64(data)) },
  { name: 'murmur3', arity: 1, compute: (data) => wordBytes(murmur3x64128(data), true) },
  { name: 'spooky_hash_v2_32', arity: 1, compute: (data) => bigEndian(spookyHashV2(data)[0]).subarray(4) },
  { name: 'spooky_hash_v2_64', arity: 1, compute: (data) => bigEndian(spookyHashV2(data)[0]) },
];
