import { le64, rotl64, u64, viewOf } from './words64';

/** Bob Jenkins' SpookyHash V2 (August 2012): 128 bits of a message, as two 64-bit words. */
const SC_CONST = 0xdeadbeefdeadbeefn;
const BLOCK = 96;
const SHORT_LIMIT = 192;

type Rot = [number, number, number, number, number];
// one line per state word: [word, xor target, xor source, rotation, add source] as in Jenkins' Mix
const MIX: Rot[] = [[0, 2, 10, 11, 1], [1, 3, 11, 32, 2], [2, 4, 0, 43, 3], [3, 5, 1, 31, 4], [4, 6, 2, 17, 5], [5, 7, 3, 28, 6],
  [6, 8, 4, 39, 7], [7, 9, 5, 57, 8], [8, 10, 6, 55, 9], [9, 11, 7, 54, 10], [10, 0, 8, 22, 11], [11, 1, 9, 46, 0]];
const END_ROTATIONS = [44, 15, 34, 21, 38, 33, 10, 13, 38, 53, 42, 54];
const SHORT_MIX: Array<[number, number, number, number]> = [[2, 50, 3, 0], [3, 52, 0, 1], [0, 30, 1, 2], [1, 41, 2, 3], [2, 54, 3, 0],
  [3, 48, 0, 1], [0, 38, 1, 2], [1, 37, 2, 3], [2, 62, 3, 0], [3, 34, 0, 1], [0, 5, 1, 2], [1, 36, 2, 3]];
const SHORT_END: Array<[number, number, number]> = [[3, 2, 15], [0, 3, 52], [1, 0, 26], [2, 1, 51], [3, 2, 28], [0, 3, 9],
  [1, 0, 47], [2, 1, 54], [3, 2, 32], [0, 3, 25], [1, 0, 63]];

function mix(view: DataView, at: number, s: bigint[]): void {
  // s[w] += data[w]; s[x] ^= s[y]; s[(w + 11) % 12] ^= s[w]; s[w] = rot(s[w]); s[(w + 11) % 12] += s[w + 1]
  for (const [w, x, y, r, next] of MIX) {
    const prev = (w + 11) % 12;
    s[w] = u64(s[w] + le64(view, at + 8 * w));
    s[x] ^= s[y];
    s[prev] ^= s[w];
    s[w] = rotl64(s[w], r);
    s[prev] = u64(s[prev] + s[next]);
  }
}

function endPartial(h: bigint[]): void {
  // h[(i + 11) % 12] += h[(i + 1) % 12]; h[(i + 2) % 12] ^= h[(i + 11) % 12]; h[(i + 1) % 12] = rot(h[(i + 1) % 12])
  for (let i = 0; i < 12; i++) {
    const [a, b, c] = [(i + 11) % 12, (i + 1) % 12, (i + 2) % 12];
    h[a] = u64(h[a] + h[b]);
    h[c] ^= h[a];
    h[b] = rotl64(h[b], END_ROTATIONS[i]);
  }
}

function long(bytes: Uint8Array, seed1: bigint, seed2: bigint): [bigint, bigint] {
  const view = viewOf(bytes);
  const h = Array.from({ length: 12 }, (_x, i) => [seed1, seed2, SC_CONST][i % 3]);
  const whole = bytes.length - (bytes.length % BLOCK);
  for (let at = 0; at < whole; at += BLOCK) mix(view, at, h);
  const last = new Uint8Array(BLOCK);
  last.set(bytes.subarray(whole));
  last[BLOCK - 1] = bytes.length - whole;
  const lastView = viewOf(last);
  for (let w = 0; w < 12; w++) h[w] = u64(h[w] + le64(lastView, 8 * w));
  for (let round = 0; round < 3; round++) endPartial(h);
  return [h[0], h[1]];
}

function shortMix(h: bigint[]): void {
  for (const [a, r, b, c] of SHORT_MIX) {
    h[a] = u64(rotl64(h[a], r) + h[b]);
    h[c] ^= h[a];
  }
}

/** The tail below 16 bytes into c (bytes 0-7) and d (bytes 8-14), little-endian, as Jenkins' switch adds them. */
function tail(view: DataView, at: number, count: number): [bigint, bigint] {
  if (count === 0) return [SC_CONST, SC_CONST];
  let [c, d] = [0n, 0n];
  for (let j = count - 1; j >= 0; j--) {
    const b = BigInt(view.getUint8(at + j));
    if (j >= 8) d |= b << BigInt(8 * (j - 8));
    else c |= b << BigInt(8 * j);
  }
  return [c, d];
}

function short(bytes: Uint8Array, seed1: bigint, seed2: bigint): [bigint, bigint] {
  const view = viewOf(bytes);
  const h = [seed1, seed2, SC_CONST, SC_CONST];
  const n = bytes.length;
  let at = 0;
  for (; at + 32 <= n; at += 32) {
    h[2] = u64(h[2] + le64(view, at));
    h[3] = u64(h[3] + le64(view, at + 8));
    shortMix(h);
    h[0] = u64(h[0] + le64(view, at + 16));
    h[1] = u64(h[1] + le64(view, at + 24));
  }
  if (n - at >= 16) {
    h[2] = u64(h[2] + le64(view, at));
    h[3] = u64(h[3] + le64(view, at + 8));
    shortMix(h);
    at += 16;
  }
  const [c, d] = tail(view, at, n - at);
  h[3] = u64(h[3] + (BigInt(n) << 56n) + d);
  h[2] = u64(h[2] + c);
  for (const [x, y, r] of SHORT_END) {
    h[x] ^= h[y];
    h[y] = rotl64(h[y], r);
    h[x] = u64(h[x] + h[y]);
  }
  return [h[0], h[1]];
}

/** SpookyHash V2's Hash128 of the bytes with two seeds (Trino's spooky_hash_v2_32 / _64 take the first word, seeds 0). */
export function spookyHashV2(bytes: Uint8Array, seed1 = 0n, seed2 = 0n): [bigint, bigint] {
  return bytes.length < SHORT_LIMIT ? short(bytes, seed1, seed2) : long(bytes, seed1, seed2);
}
