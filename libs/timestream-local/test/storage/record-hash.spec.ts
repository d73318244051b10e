import { fingerprintRecord, newFingerprint, valueHash } from '../../src/storage/record-hash';
import { RecordIndex } from '../../src/storage/record-index';

const fp = (measure: string, dims: Array<{ name: string; value: string }>, ms: number, ns = 0): string => [...fingerprintRecord(measure, dims, ms, ns, newFingerprint())].join(',');

describe('record fingerprint', () => {
  const dims = [
    { name: 'device_id', value: 'd-1' },
    { name: 'location', value: 'hall' },
  ];
  const t = 1_732_900_000_123;

  it('does not depend on the order of the dimensions', () => {
    expect(fp('m', [dims[1], dims[0]], t)).toBe(fp('m', dims, t));
  });

  it('tells apart records differing in any part of their identity', () => {
    const variants = [
      fp('m', dims, t),
      fp('m2', dims, t),
      fp('m', [dims[0]], t),
      fp('m', [dims[0], { name: 'location', value: 'hall2' }], t),
      fp('m', [dims[0], { name: 'locatio', value: 'nhall' }], t), // same characters, other split
      fp('m', [{ name: 'device_id', value: 'hall' }, { name: 'location', value: 'd-1' }], t), // values swapped
      fp('m', dims, t + 1),
      fp('m', dims, t, 1),
      fp('m', dims, t + 2 ** 32),
    ];
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('has no collisions over 300,000 distinct records, and each lane alone spreads them as a random hash would', () => {
    const index = new RecordIndex();
    const firstLanes = new Set<number>();
    const out = newFingerprint();
    for (let d = 0; d < 300; d++) {
      const ds = [{ name: 'device_id', value: `device-${d}` }];
      for (let s = 0; s < 1_000; s++) {
        fingerprintRecord('readings', ds, t + s * 1000, 0, out);
        index.set(out[0], out[1], out[2], 1, 0, 0);
        firstLanes.add(out[0]);
      }
    }
    expect(index.size).toBe(300_000);
    // a random 32-bit hash of 300,000 keys collides about n^2 / 2^33 = 10.5 times
    expect(300_000 - firstLanes.size).toBeLessThan(40);
  });
});

describe('valueHash', () => {
  const values = [
    { name: 'temperature', type: 'DOUBLE' as const, value: 20.5 },
    { name: 'humidity', type: 'DOUBLE' as const, value: 40 },
  ];

  it('does not depend on the order of the values', () => {
    expect(valueHash([values[1], values[0]])).toBe(valueHash(values));
  });

  it('changes with any name, type or value, and stays a safe integer', () => {
    const hashes = [
      valueHash(values),
      valueHash([values[0]]),
      valueHash([values[0], { ...values[1], value: 41 }]),
      valueHash([values[0], { ...values[1], value: 40.000000000001 }]),
      valueHash([values[0], { ...values[1], type: 'VARCHAR', value: '40' }]),
      valueHash([values[0], { ...values[1], name: 'humidity2' }]),
      valueHash([
        { ...values[0], value: 40 },
        { ...values[1], value: 20.5 },
      ]),
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const h of hashes) expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
  });
});
