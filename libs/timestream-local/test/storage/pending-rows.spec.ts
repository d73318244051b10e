import { PendingRows, type PendingRow } from '../../src/storage/pending-rows';

const row = (f0: number, f1: number, f2: number, tag: number): PendingRow => ({ record: { index: tag } as PendingRow['record'], f0, f1, f2, hash: tag, replaces: false, call: 0, at: tag });

describe('PendingRows', () => {
  it('finds the latest row per fingerprint, also among fingerprints sharing the first lane', () => {
    const pending = new PendingRows();
    pending.set(row(1, 1, 1, 0));
    pending.set(row(1, 2, 2, 1));
    pending.set(row(1, 3, 3, 2));
    pending.set(row(2, 1, 1, 3));
    expect(pending.get(1, 1, 1)?.at).toBe(0);
    expect(pending.get(1, 2, 2)?.at).toBe(1);
    expect(pending.get(1, 3, 3)?.at).toBe(2);
    expect(pending.get(2, 1, 1)?.at).toBe(3);
    expect(pending.get(1, 4, 4)).toBeUndefined();
    // replacing one in the middle of a chain keeps the others
    pending.set(row(1, 2, 2, 10));
    pending.set(row(1, 3, 3, 11));
    expect(pending.get(1, 1, 1)?.at).toBe(0);
    expect(pending.get(1, 2, 2)?.at).toBe(10);
    expect(pending.get(1, 3, 3)?.at).toBe(11);
    // and the head of a chain
    pending.set(row(1, 3, 3, 12));
    expect(pending.get(1, 3, 3)?.at).toBe(12);
    expect(pending.get(1, 1, 1)?.at).toBe(0);
    expect(pending.get(1, 2, 2)?.at).toBe(10);
  });
});
