import { le32, le64, rotl64, u64, viewOf } from './words64';

const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

const round = (acc: bigint, lane: bigint): bigint => u64(rotl64(u64(acc + lane * P2), 31) * P1);
const merge = (acc: bigint, v: bigint): bigint => u64((acc ^ round(0n, v)) * P1 + P4);

/** XXH64 of the bytes (Yann Collet's xxHash, 64-bit), as an unsigned 64-bit value. */
export function xxhash64(bytes: Uint8Array, seed = 0n): bigint {
  const view = viewOf(bytes);
  const n = bytes.length;
  let i = 0;
  let h: bigint;
  if (n >= 32) {
    const v = [u64(seed + P1 + P2), u64(seed + P2), seed, u64(seed - P1)];
    for (; i + 32 <= n; i += 32) for (let lane = 0; lane < 4; lane++) v[lane] = round(v[lane], le64(view, i + 8 * lane));
    h = u64(rotl64(v[0], 1) + rotl64(v[1], 7) + rotl64(v[2], 12) + rotl64(v[3], 18));
    for (const lane of v) h = merge(h, lane);
  } else {
    h = u64(seed + P5);
  }
  h = u64(h + BigInt(n));
  for (; i + 8 <= n; i += 8) h = u64(rotl64(h ^ round(0n, le64(view, i)), 27) * P1 + P4);
  if (i + 4 <= n) {
    h = u64(rotl64(h ^ u64(le32(view, i) * P1), 23) * P2 + P3);
    i += 4;
  }
  for (; i < n; i++) h = u64(rotl64(h ^ u64(BigInt(bytes[i]) * P5), 11) * P1);
  h = u64((h ^ (h >> 33n)) * P2);
  h = u64((h ^ (h >> 29n)) * P3);
  return h ^ (h >> 32n);
}
