import { QueryCommand, type QueryResponse } from '@aws-sdk/client-timestream-query';
import { WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { planQuery } from '../../src/query/engine';
import { PlanCache } from '../../src/query/plan-cache';
import { createManualClock, startTestTimestream, type ManualClock, type TestTimestream } from '../../src/testing';

const START = new Date('2026-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const record = (timeMs: number, device = 'd1', values: Record<string, number> = { temperature: 20 }): _Record => ({
  Dimensions: [{ Name: 'device_id', Value: device }],
  MeasureName: 'metrics',
  MeasureValueType: 'MULTI',
  MeasureValues: Object.entries(values).map(([Name, v]) => ({ Name, Value: String(v), Type: 'DOUBLE' as const })),
  Time: String(timeMs),
});
const scalar = (answer: QueryResponse, column = 0) => answer.Rows?.[0]?.Data?.[column]?.ScalarValue;

describe('the plan cache: the same query text asked again is answered as if planned afresh', () => {
  let ts: TestTimestream;
  let clock: ManualClock;
  const ask = (sql: string) => ts.queryClient().send(new QueryCommand({ QueryString: sql }));

  beforeEach(async () => {
    clock = createManualClock(START);
    ts = await startTestTimestream({
      now: clock.now,
      timers: clock,
      tables: [{ DatabaseName: 'iot', TableName: 'readings', RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 1 } }],
    });
    const records = Array.from({ length: 10 }, (_, i) => record(START.getTime() - (i + 1) * MINUTE));
    await ts.writeClient().send(new WriteRecordsCommand({ DatabaseName: 'iot', TableName: 'readings', Records: records }));
  });
  afterEach(() => ts?.close());

  it("with each query's own now: ago() and now() move with the clock", async () => {
    const sql = 'SELECT count(*), now() FROM iot.readings WHERE time >= ago(5m)';
    const first = await ask(sql);
    expect([scalar(first), scalar(first, 1)]).toEqual(['5', '2026-03-01 12:00:00.000000000']);
    await clock.advance(3 * MINUTE);
    const later = await ask(sql);
    expect([scalar(later), scalar(later, 1)]).toEqual(['2', '2026-03-01 12:03:00.000000000']);
  });

  it("with the table's retention as of each query: a reading that ages out is not read from the earlier plan", async () => {
    await ts.writeClient().send(new WriteRecordsCommand({ DatabaseName: 'iot', TableName: 'readings', Records: [record(START.getTime() - 23 * 60 * MINUTE, 'd2')] }));
    const sql = "SELECT count(*) FROM iot.readings WHERE device_id = 'd2'";
    expect(scalar(await ask(sql))).toBe('1');
    await clock.advance(2 * 60 * MINUTE); // the reading is 25 h old: past the table's day of retention
    expect(scalar(await ask(sql))).toBe('0');
  });

  it('with the columns as they are now: a measure written since shows in SELECT *', async () => {
    const sql = 'SELECT * FROM iot.readings ORDER BY time DESC LIMIT 1';
    expect((await ask(sql)).ColumnInfo?.map((c) => c.Name)).toEqual(['device_id', 'measure_name', 'time', 'temperature']);
    await ts.writeClient().send(new WriteRecordsCommand({ DatabaseName: 'iot', TableName: 'readings', Records: [record(START.getTime(), 'd1', { temperature: 21, humidity: 40 })] }));
    const after = await ask(sql);
    expect(after.ColumnInfo?.map((c) => c.Name)).toEqual(['device_id', 'measure_name', 'time', 'temperature', 'humidity']);
    expect(after.Rows?.[0]?.Data?.[4]?.ScalarValue).toBe('40.0');
  });

  it('runs no DuckDB statement to plan a query it planned before, and plans anew when a table changes', async () => {
    const statements: string[] = [];
    const storage = new Proxy(ts.storage, {
      get: (target, name, receiver) => (name === 'runQuery' ? (sql: string, signal?: AbortSignal) => (statements.push(sql), target.runQuery(sql, signal)) : Reflect.get(target, name, receiver)),
    });
    const cache = new PlanCache();
    const sql = 'SELECT device_id, avg(temperature) FROM iot.readings WHERE time >= ago(1h) GROUP BY device_id';
    const first = await planQuery(sql, { storage, now: START, cache });
    expect(statements).toHaveLength(1); // the typing run
    const again = await planQuery(sql, { storage, now: new Date(START.getTime() + MINUTE), cache });
    expect(statements).toHaveLength(1);
    expect(again.columns).toEqual(first.columns);
    expect(again.duckSql).not.toBe(first.duckSql); // its own now
    expect((await again.run()).rows).toEqual((await first.run()).rows);
    await ts.writeClient().send(new WriteRecordsCommand({ DatabaseName: 'iot', TableName: 'readings', Records: [record(START.getTime(), 'd1', { temperature: 21, vibration: 1 })] }));
    await planQuery(sql, { storage, now: START, cache });
    expect(statements).toHaveLength(4); // the two runs above, and a new typing run: the table has a new column
    expect(statements[3]).toContain('"vibration"');
    expect(cache.size).toBe(1);
  });
});
