import { le64, rotl64, u64, viewOf } from './words64';

const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;

const fmix = (k: bigint): bigint => {
  k = u64((k ^ (k >> 33n)) * 0xff51afd7ed558ccdn);
  k = u64((k ^ (k >> 33n)) * 0xc4ceb9fe1a85ec53n);
  return k ^ (k >> 33n);
};

const mixK1 = (k: bigint): bigint => u64(rotl64(u64(k * C1), 31) * C2);
const mixK2 = (k: bigint): bigint => u64(rotl64(u64(k * C2), 33) * C1);

/** MurmurHash3 x64_128 (Austin Appleby's) of the bytes: its two 64-bit halves h1, h2. */
export function murmur3x64128(bytes: Uint8Array, seed = 0n): [bigint, bigint] {
  const view = viewOf(bytes);
  const n = bytes.length;
  let [h1, h2] = [seed, seed];
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    h1 = u64(rotl64(h1 ^ mixK1(le64(view, i)), 27) + h2);
    h1 = u64(h1 * 5n + 0x52dce729n);
    h2 = u64(rotl64(h2 ^ mixK2(le64(view, i + 8)), 31) + h1);
    h2 = u64(h2 * 5n + 0x38495ab5n);
  }
  let [k1, k2] = [0n, 0n];
  for (let j = n - 1; j >= i; j--) {
    const b = BigInt(bytes[j]);
    if (j - i >= 8) k2 = (k2 << 8n) | b;
    else k1 = (k1 << 8n) | b;
  }
  if (n - i > 8) h2 ^= mixK2(k2);
  if (n - i > 0) h1 ^= mixK1(k1);
  const len = BigInt(n);
  h1 ^= len;
  h2 ^= len;
  h1 = u64(h1 + h2);
  h2 = u64(h2 + h1);
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = u64(h1 + h2);
  h2 = u64(h2 + h1);
  return [h1, h2];
}
