import { sameShape } from '../../src/storage/record-shape';
import type { NormalizedRecord } from '../../src/storage/resource-types';

const base: NormalizedRecord = {
  index: 0,
  measureName: 'readings',
  kind: 'MULTI',
  dimensions: [
    { name: 'device_id', value: 'a' },
    { name: 'site', value: 'x' },
  ],
  values: [
    { name: 'temperature', type: 'DOUBLE', value: '20.5' },
    { name: 'ok', type: 'BOOLEAN', value: 'true' },
  ],
  timeNs: 1n,
  timeMs: 0,
  nsOfMs: 1,
  version: 1,
};

describe('sameShape', () => {
  it('ignores values, times and versions', () => {
    const other: NormalizedRecord = {
      ...base,
      index: 5,
      dimensions: base.dimensions.map((d) => ({ ...d, value: `${d.value}2` })),
      values: base.values.map((v) => ({ ...v, value: 'false' })),
      timeNs: 2n,
      version: 9,
    };
    expect(sameShape(base, other)).toBe(true);
  });

  it('tells apart any difference in measure name, kind, dimension names or value names, types and order', () => {
    const variants: NormalizedRecord[] = [
      { ...base, measureName: 'other' },
      { ...base, kind: 'DOUBLE' },
      { ...base, dimensions: [base.dimensions[0]] },
      { ...base, dimensions: [base.dimensions[1], base.dimensions[0]] },
      { ...base, dimensions: [base.dimensions[0], { name: 'site2', value: 'x' }] },
      { ...base, values: [base.values[0]] },
      { ...base, values: [base.values[1], base.values[0]] },
      { ...base, values: [base.values[0], { ...base.values[1], type: 'VARCHAR' }] },
      { ...base, values: [base.values[0], { ...base.values[1], name: 'ok2' }] },
    ];
    for (const v of variants) expect(sameShape(base, v)).toBe(false);
  });
});
