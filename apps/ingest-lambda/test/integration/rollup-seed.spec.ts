import { QueryCommand, type TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { WriteRecordsCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { dataQuality, rangeSeries, rollupRows, runQuery } from '@iot-timeseries/queries';
import { backfillRollups, provisionRollups, type ProvisionedRollups } from '@iot-timeseries/queries/testing';
import { rollupList, rollupSettings, SCHEMA_SEED, sqlTable, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { createManualClock, startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { createRollupSeedHandler } from '../../src/rollup-seed/create-rollup-seed-handler';

jest.setTimeout(120_000);

const NOW = Date.parse('2026-03-02T12:34:30Z');
const HOUR = 3_600_000;

function readings(): SensorReading[] {
  const out: SensorReading[] = [];
  for (const [d, deviceId] of ['dev-a', 'dev-b'].entries()) {
    for (let t = NOW - 5 * HOUR, i = 0; t < NOW - 60_000; t += 60_000, i++) out.push({ deviceId, location: `hall-${d}`, time: t, timeFromReceipt: false, measures: { temperature: 20 + d + (i % 3), humidity: 40, pressure: 1000, vibration: 0.01 } });
  }
  return out;
}

describe('the rollup-seed handler against a local Timestream server', () => {
  let ts: TestTimestream;
  let write: TimestreamWriteClient;
  let query: TimestreamQueryClient;
  let provisioned: ProvisionedRollups;
  const logged: Array<Record<string, unknown>> = [];
  const handler = () => createRollupSeedHandler({ writeClient: write, config: { databaseName: timestreamSettings.databaseName }, logger: { info: (_message: unknown, ...extra: unknown[]) => void logged.push(Object.assign({}, ...extra)) }, clock: () => NOW - 10 * HOUR })();

  beforeAll(async () => {
    const clock = createManualClock(new Date(NOW).toISOString());
    ts = await startTestTimestream({ now: clock.now, timers: clock, tables: [{ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true } }] });
    write = ts.writeClient();
    query = ts.queryClient();
    provisioned = await provisionRollups({ write, query }, { seedTimeMs: NOW - 12 * HOUR, seeded: false });
  });
  afterAll(() => ts?.close());

  it('gives every rollup table the columns its scheduled query writes; until then a reader fails naming a column', async () => {
    const read = () => runQuery(query, rollupRows({ window: '1d' }));
    await expect(read()).rejects.toThrow(/Column '.+' does not exist/);
    expect(await handler()).toEqual({ seeded: { tables: rollupList().map((r) => r.table.tableName), time: new Date(NOW - 10 * HOUR).toISOString() } });
    expect(logged).toEqual([{ databaseName: timestreamSettings.databaseName, tables: rollupList().map((r) => r.table.tableName) }]);
    expect((await read()).rows).toEqual([]);
    for (const rollup of rollupList()) {
      const described = await query.send(new QueryCommand({ QueryString: `DESCRIBE ${sqlTable(rollupSettings.databaseName, rollup.table.tableName)}` }));
      const columns = described.Rows?.map((r) => r.Data?.[0]?.ScalarValue);
      expect(columns).toEqual(expect.arrayContaining(['device_id', 'location', 'measure_name', 'time', { measures: 'temperature_p95', 'data-quality': 'put_aside_rejected', baseline: 'pooled_until_ms' }[rollup.kind]]));
    }
    // seeding again (a re-deployment) writes the same record: no conflict
    await expect(handler()).resolves.toMatchObject({ seeded: { tables: expect.any(Array) } });
  });

  it('the analytics that read the rollup tables ignore the seed records', async () => {
    for (const plan of toWriteRequests(readings(), timestreamSettings)) await write.send(new WriteRecordsCommand(plan.input));
    await backfillRollups(query, provisioned, NOW - 6 * HOUR, NOW);
    const rows = (await runQuery(query, rollupRows({ window: '1d' }))).rows;
    expect(new Set(rows.map((r) => r.device_id))).toEqual(new Set(['dev-a', 'dev-b']));
    const quality = (await runQuery(query, dataQuality({ window: '1d', expectedEvery: '1m' }))).rows;
    expect(quality.map((r) => r.device_id)).toEqual(['dev-a', 'dev-b']);
    expect(quality).toEqual((await runQuery(query, dataQuality({ window: '1d', expectedEvery: '1m', source: 'raw' }))).rows);
    const series = (await runQuery(query, rangeSeries({ window: '1d', interval: '1h', source: rollupSettings.perHour.id }))).rows;
    expect(series.some((r) => r.device_id === SCHEMA_SEED.deviceId)).toBe(false);
    expect(series.length).toBeGreaterThan(0);
  });
});
