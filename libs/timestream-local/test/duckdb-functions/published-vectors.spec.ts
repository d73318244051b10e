import { murmur3x64128 } from '../../src/duckdb-functions/murmur3-128';
import { spookyHashV2 } from '../../src/duckdb-functions/spooky-hash-v2';
import { wordBytes } from '../../src/duckdb-functions/words64';
import { xxhash64 } from '../../src/duckdb-functions/xxhash64';

/**
 * SMHasher's verification value: hash the keys {}, {0}, {0, 1}, ... {0..254} with seeds 256, 255, ... 1, hash the
 * 256 results (each as the hash's native little-endian bytes) with seed 0, and read its first 4 bytes little-endian.
 * It covers every length from 0 to 255 and every tail; the published values are in SMHasher's hash table (main.cpp).
 */
function smhasherVerification(bytesPerHash: number, hash: (key: Uint8Array, seed: bigint) => Uint8Array): number {
  const key = new Uint8Array(256);
  const hashes = new Uint8Array(bytesPerHash * 256);
  for (let i = 0; i < 256; i++) {
    key[i] = i;
    hashes.set(hash(key.subarray(0, i), BigInt(256 - i)), i * bytesPerHash);
  }
  const final = hash(hashes, 0n);
  return (final[0] | (final[1] << 8) | (final[2] << 16) | (final[3] << 24)) >>> 0;
}

describe('MurmurHash3 x64_128', () => {
  it("matches SMHasher's verification value 0x6384BA69", () => {
    expect(smhasherVerification(16, (key, seed) => wordBytes(murmur3x64128(key, seed), true)).toString(16)).toBe('6384ba69');
  });
});

describe('XXH64', () => {
  it("matches SMHasher's verification value 0x024B7CF4", () => {
    expect(smhasherVerification(8, (key, seed) => wordBytes([xxhash64(key, seed)], true)).toString(16)).toBe('24b7cf4');
  });
});

describe('SpookyHash V2', () => {
  // Bob Jenkins' TestResults (testspooky.cpp, V2): Hash32 with seed 0 of the first n bytes of buf[i] = i + 128, for
  // n = 0..511; rows of 8 from that table, covering the short form (n < 192, each tail length) and the long one
  const EXPECTED: Record<number, number[]> = {
    0: [0x6bf50919, 0x70de1d26, 0xa2b37298, 0x35bc5fbf, 0x8223b279, 0x5bcb315e, 0x53fe88a1, 0xf9f1a233],
    8: [0xee193982, 0x54f86f29, 0xc8772d36, 0x9ed60886, 0x5f23d1da, 0x1ed9f474, 0xf2ef0c89, 0x83ec01f9],
    16: [0xf274736c, 0x7e9ac0df, 0xc7aed250, 0xb1015811, 0xe23470f5, 0x48ac20c4, 0xe2ab3cd5, 0x608f8363],
    24: [0xd0639e68, 0xc4e8e7ab, 0x863c7c5b, 0x4ea63579, 0x99ae8622, 0x170c658b, 0x149ba493, 0x027bca7c],
    32: [0xe5cfc8b6, 0xce01d9d7, 0x11103330, 0x5d1f5ed4, 0xca720ecb, 0xef408aec, 0x733b90ec, 0x855737a6],
    88: [0xaccadce7, 0xb0290d82, 0x4ebfd0d6, 0x46ccc185, 0x2eeb10d3, 0x474e3c8c, 0x23c84aee, 0x3abae1cb],
    96: [0x1499b81a, 0xa2993951, 0xeed176ad, 0xdfcfe84c, 0xde4a961f, 0x4af13fe6, 0xe0069c42, 0xc14de8f5],
    184: [0xe806ce10, 0x9212be79, 0x4604ae7b, 0x7fa22a84, 0xe715b13a, 0x0394c3b2, 0x11efbbae, 0xe13d9e19],
    192: [0x77e012bd, 0x2d05114c, 0xaecf2ddd, 0xb2a2b4aa, 0xb9429546, 0x55dce815, 0xc89138f8, 0x46dcae20],
    288: [0x47880140, 0xfbff3bec, 0x0f531f41, 0xf845a667, 0x08c15fb7, 0x1996cd81, 0x86579103, 0xe21dd863],
    504: [0x27c2e04b, 0x0b7523bd, 0x07305776, 0xc6be7503, 0x918fa7c9, 0xaf2e2cd9, 0x82046f8e, 0xcc1c8250],
  };
  const buf = Uint8Array.from({ length: 512 }, (_x, i) => (i + 128) & 255);

  it.each(Object.keys(EXPECTED).map(Number))("matches Jenkins' table for the lengths from %i on", (from) => {
    const saw = EXPECTED[from].map((_x, k) => Number(spookyHashV2(buf.subarray(0, from + k))[0] & 0xffffffffn));
    expect(saw.map((h) => h.toString(16))).toEqual(EXPECTED[from].map((h) => h.toString(16)));
  });

  it('takes both seeds', () => {
    // the short and the long form start from the seeds: other seeds, other hashes
    for (const n of [10, 300]) expect(spookyHashV2(buf.subarray(0, n), 1n, 2n)).not.toEqual(spookyHashV2(buf.subarray(0, n)));
  });
});
