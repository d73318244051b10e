import { RecordIndex } from '../../src/storage/record-index';

describe('RecordIndex', () => {
  it('keeps version and value hash per fingerprint through growth, and overwrites in place', () => {
    const index = new RecordIndex();
    const n = 50_000; // several doublings past the initial 1,024 slots
    for (let i = 0; i < n; i++) index.set(i * 7919, i ^ 0x5bd1e995, -i, i, i * 3 + 0.5, 1_000 + i);
    expect(index.size).toBe(n);
    for (let i = 0; i < n; i += 997) expect(index.get(i * 7919, i ^ 0x5bd1e995, -i)).toEqual({ version: i, hash: i * 3 + 0.5 });
    // the same first two lanes with another third lane is another record
    expect(index.get(7919, 1 ^ 0x5bd1e995, 12345)).toBeUndefined();
    index.set(7919, 1 ^ 0x5bd1e995, -1, 9, 42, 1_001);
    expect(index.size).toBe(n);
    expect(index.get(7919, 1 ^ 0x5bd1e995, -1)).toEqual({ version: 9, hash: 42 });
  });

  it('handles fingerprints that land in the same slot (linear probing)', () => {
    const index = new RecordIndex();
    // equal f0 ^ f2 -> same home slot
    for (let i = 0; i < 100; i++) index.set(i, 5, i, i + 1, i, 0);
    for (let i = 0; i < 100; i++) expect(index.get(i, 5, i)).toEqual({ version: i + 1, hash: i });
    expect(index.get(100, 5, 100)).toBeUndefined();
  });

  it('forgets records older than a retention cutoff and keeps the rest findable', () => {
    const index = new RecordIndex();
    for (let i = 0; i < 5_000; i++) index.set(i, i, i, 1, i, i * 10);
    index.pruneBefore(25_000);
    expect(index.size).toBe(2_500);
    expect(index.get(2_499, 2_499, 2_499)).toBeUndefined();
    expect(index.get(2_500, 2_500, 2_500)).toEqual({ version: 1, hash: 2_500 });
    expect(index.get(4_999, 4_999, 4_999)).toEqual({ version: 1, hash: 4_999 });
    index.pruneBefore(0); // nothing older: unchanged
    expect(index.size).toBe(2_500);
  });

  it('evicts the oldest entries down to a target and says from which time on it kept every entry', () => {
    const index = new RecordIndex();
    // 10,000 entries, 10 per millisecond from 1,000 to 1,999
    for (let i = 0; i < 10_000; i++) index.set(i, -i, i * 31, 1, i, 1_000 + Math.floor(i / 10));
    const keptFrom = index.evictOldest(5_000);
    expect(index.size).toBeLessThanOrEqual(5_000);
    expect(index.size).toBeGreaterThan(4_000);
    for (let i = 0; i < 10_000; i++) {
      const time = 1_000 + Math.floor(i / 10);
      expect(index.has(i, -i, i * 31)).toBe(time >= keptFrom);
    }
  });

  it('evicts all entries of one time together, even when they are all of one time', () => {
    const index = new RecordIndex();
    for (let i = 0; i < 1_000; i++) index.set(i, i, i, 1, i, 7);
    expect(index.evictOldest(500)).toBe(Infinity);
    expect(index.size).toBe(0);
    index.set(1, 2, 3, 4, 5, 6);
    expect(index.get(1, 2, 3)).toEqual({ version: 4, hash: 5 });
    index.clear();
    expect(index.size).toBe(0);
    expect(index.has(1, 2, 3)).toBe(false);
  });
});
