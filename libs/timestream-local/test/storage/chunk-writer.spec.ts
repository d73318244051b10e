import { DuckDBInstance, type DuckDBConnection, type DuckDBInstance as Instance } from '@duckdb/node-api';
import { appendRecords } from '../../src/storage/chunk-writer';
import type { NormalizedRecord } from '../../src/storage/resource-types';
import { columnPlan } from '../../src/storage/row-values';
import type { TableLayout } from '../../src/storage/table-layout';

const layout: TableLayout = {
  storageName: 't',
  dimensions: [
    { name: 'device_id', column: 'd0' },
    { name: 'site', column: 'd1' },
  ],
  values: [
    { name: 'temp', type: 'DOUBLE', kind: 'MULTI', column: 'm0' },
    { name: 'count', type: 'BIGINT', kind: 'MULTI', column: 'm1' },
    { name: 'ok', type: 'BOOLEAN', kind: 'MULTI', column: 'm2' },
    { name: 'note', type: 'VARCHAR', kind: 'MULTI', column: 'm3' },
    { name: 'at', type: 'TIMESTAMP', kind: 'MULTI', column: 'm4' },
    { name: 'measure_value::double', type: 'DOUBLE', kind: 'SINGLE_MEASURE_VALUE', column: 'm5' },
  ],
  measures: [],
  // a column added later sits after the value columns, as ALTER TABLE puts it
  physicalOrder: ['__version', 'measure_name', 'time', 'd0', 'm0', 'm1', 'm2', 'm3', 'm4', 'm5', 'd1'],
};

const T0 = 1_732_900_000_000_000_000n;

function record(i: number): NormalizedRecord {
  const base = { index: i, measureName: 'readings', timeNs: T0 + BigInt(i) * 1_000_000n + BigInt(i % 3), timeMs: 0, nsOfMs: 0, version: i % 5 === 0 ? 3_000_000_000 : 1 };
  if (i % 7 === 0) {
    return { ...base, measureName: 'single', kind: 'DOUBLE', dimensions: [{ name: 'device_id', value: `d-${i}` }], values: [{ name: 'single', type: 'DOUBLE', value: i / 4 }] };
  }
  return {
    ...base,
    kind: 'MULTI',
    dimensions: i % 2 === 0 ? [{ name: 'site', value: `s-${i % 10}` }, { name: 'device_id', value: `d-${i}` }] : [{ name: 'device_id', value: `d-${i}` }],
    values: [
      { name: 'temp', type: 'DOUBLE', value: i * 0.5 },
      { name: 'count', type: 'BIGINT', value: i % 11 === 0 ? '-9223372036854775808' : String(i) },
      ...(i % 3 === 0 ? [{ name: 'ok', type: 'BOOLEAN' as const, value: i % 2 === 0 ? 'true' : 'false' }] : []),
      { name: 'note', type: 'VARCHAR', value: `ünï ${i}` },
      { name: 'at', type: 'TIMESTAMP', value: String(T0 + BigInt(i)) },
    ],
  };
}

describe('appendRecords (data chunks through the Appender)', () => {
  let instance: Instance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(
      'CREATE TABLE t ("__version" BIGINT, measure_name VARCHAR, "time" TIMESTAMP_NS, d0 VARCHAR, m0 DOUBLE, m1 BIGINT, m2 BOOLEAN, m3 VARCHAR, m4 TIMESTAMP_NS, m5 DOUBLE, d1 VARCHAR)',
    );
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  it('stores every value type, NULL for what a record lacks, across chunk boundaries (5,000 rows)', async () => {
    const records = Array.from({ length: 5_000 }, (_, i) => record(i));
    const appender = await connection.createAppender('t');
    appendRecords(appender, records, columnPlan(layout));
    appender.closeSync();
    const reader = await connection.runAndReadAll(
      'SELECT "__version", measure_name, CAST(epoch_ns("time") AS VARCHAR), d0, d1, m0, CAST(m1 AS VARCHAR), m2, m3, CAST(epoch_ns(m4) AS VARCHAR), m5 FROM t ORDER BY "time"',
    );
    const rows = reader.getRowsJS();
    expect(rows).toHaveLength(5_000);
    rows.forEach((row, i) => {
      const r = records[i];
      const byName = new Map(r.values.map((v) => [v.name, v.value] as const));
      const dims = new Map(r.dimensions.map((d) => [d.name, d.value] as const));
      const single = r.kind !== 'MULTI';
      expect(row).toEqual([
        BigInt(r.version),
        r.measureName,
        r.timeNs.toString(),
        dims.get('device_id'),
        dims.get('site') ?? null,
        single ? null : Number(byName.get('temp')),
        byName.get('count') ?? null,
        byName.has('ok') ? byName.get('ok') === 'true' : null,
        byName.get('note') ?? null,
        byName.get('at') ?? null,
        single ? Number(r.values[0].value) : null,
      ]);
    });
  });
});
