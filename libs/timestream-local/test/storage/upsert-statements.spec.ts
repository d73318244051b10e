import type { PendingRow } from '../../src/storage/pending-rows';
import { columnPlan } from '../../src/storage/row-values';
import type { TableLayout } from '../../src/storage/table-layout';
import { upsertStatements } from '../../src/storage/upsert-statements';

const layout: TableLayout = {
  storageName: 't_rollup',
  dimensions: [{ name: 'device_id', column: 'd_device_id' }],
  values: [{ name: 'avg', type: 'DOUBLE', kind: 'MULTI', column: 'v_avg' }],
  measures: [{ name: 'rollup', type: 'MULTI', dimensions: ['device_id'] }],
  physicalOrder: ['__version', 'measure_name', 'time', 'd_device_id', 'v_avg'],
};

const row = (minute: number, value: number, version: number, replaces: boolean, sameValues: boolean): PendingRow => ({
  record: {
    index: minute,
    store: 'MEMORY',
    dimensions: [{ name: 'device_id', value: 'd1' }],
    measureName: 'rollup',
    kind: 'MULTI',
    values: [{ name: 'avg', type: 'DOUBLE', value }],
    timeNs: BigInt(minute) * 60_000_000_000n,
    timeMs: minute * 60_000,
    nsOfMs: 0,
    version,
  },
  f0: minute,
  f1: 0,
  f2: 0,
  hash: value,
  replaces,
  sameValues,
  call: 0,
  at: minute,
});

describe('upsertStatements: a call that replaces stored records', () => {
  it('raises only the version of records whose values did not change, replaces the changed ones, inserts the new ones', () => {
    const statements = upsertStatements('main."t_rollup"', layout, columnPlan(layout), [row(1, 20, 7, true, true), row(2, 21, 7, true, true), row(3, 25, 7, true, false), row(9, 30, 7, false, false)]);
    expect(statements).toHaveLength(3);
    const [update, remove, insert] = statements;
    // the stored records are found by a join on their keys (a VALUES list), within the rows' times
    expect(update).toMatch(/^UPDATE main\."t_rollup" SET "__version" = CAST\('7' AS BIGINT\) FROM \(VALUES \('rollup', make_timestamp_ns\(CAST\('60000000000' AS BIGINT\)\), CAST\('d1' AS VARCHAR\)\), \('rollup', make_timestamp_ns\(CAST\('120000000000' AS BIGINT\)\), CAST\('d1' AS VARCHAR\)\)\) AS __k\("__k_measure", "__k_time", "__k_d0"\) WHERE /);
    expect(update).toContain(`main."t_rollup"."time" BETWEEN make_timestamp_ns(CAST('60000000000' AS BIGINT)) AND make_timestamp_ns(CAST('120000000000' AS BIGINT))`);
    expect(update).toContain(' AND main."t_rollup".measure_name = __k."__k_measure" AND main."t_rollup"."time" = __k."__k_time" AND main."t_rollup"."d_device_id" IS NOT DISTINCT FROM __k."__k_d0"');
    expect(remove).toMatch(/^DELETE FROM main\."t_rollup" USING \(VALUES \('rollup', make_timestamp_ns\(CAST\('180000000000' AS BIGINT\)\), CAST\('d1' AS VARCHAR\)\)\) AS __k\(.*\) WHERE main\."t_rollup"\."time" BETWEEN make_timestamp_ns\(CAST\('180000000000' AS BIGINT\)\) AND make_timestamp_ns\(CAST\('180000000000' AS BIGINT\)\) AND /);
    // the changed record and the new one are written whole; the unchanged ones are not written again
    expect(insert).toContain('INSERT INTO main."t_rollup" ("__version", "measure_name", "time", "d_device_id", "v_avg") VALUES ');
    expect(insert.match(/CAST\('7' AS BIGINT\)/g)).toHaveLength(2);
    expect(insert).toContain("CAST('25' AS DOUBLE)");
    expect(insert).toContain("CAST('30' AS DOUBLE)");
    expect(insert).not.toContain("CAST('20' AS DOUBLE)");
  });

  it('writes NULL for a column the replacing record does not carry', () => {
    const wide: TableLayout = { ...layout, values: [...layout.values, { name: 'max', type: 'DOUBLE', kind: 'MULTI', column: 'v_max' }], physicalOrder: [...layout.physicalOrder, 'v_max'] };
    const [, insert] = upsertStatements('t', wide, columnPlan(wide), [row(1, 20, 7, true, false)]);
    expect(insert).toMatch(/, 'd1', CAST\('20' AS DOUBLE\), NULL\)$/);
  });

  it('with nothing unchanged: one DELETE and one INSERT; with nothing changed: one UPDATE per version', () => {
    expect(upsertStatements('t', layout, columnPlan(layout), [row(1, 20, 7, true, false)]).map((s) => s.split(' ')[0])).toEqual(['DELETE', 'INSERT']);
    expect(upsertStatements('t', layout, columnPlan(layout), [row(1, 20, 7, true, true), row(2, 20, 8, true, true)]).map((s) => s.split(' ').slice(0, 6).join(' '))).toEqual([
      `UPDATE t SET "__version" = CAST('7'`,
      `UPDATE t SET "__version" = CAST('8'`,
    ]);
  });
});
