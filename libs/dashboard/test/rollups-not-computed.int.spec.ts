import { QueryCommand, type TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { DeleteTableCommand, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { provisionRollups } from '@iot-timeseries/queries/testing';
import { rollupSettings, sqlTable, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { createQueriesAdapter, rangeView, type RangeView } from '../src';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const NOW = Date.now();

/** Two devices, one reading a minute for the last 30 hours (dev-b silent for the first 10). */
function readings(): SensorReading[] {
  const out: SensorReading[] = [];
  for (const [d, id] of ['dev-a', 'dev-b'].entries()) {
    for (let t = Math.floor((NOW - 30 * 3_600_000) / MINUTE) * MINUTE, i = 0; t < NOW - MINUTE; t += MINUTE, i++) {
      if (id === 'dev-b' && t < NOW - 20 * 3_600_000) continue;
      out.push({ deviceId: id, location: `hall-${d}`, time: t + d * 1000, timeFromReceipt: false, measures: { temperature: 20 + d + (i % 7) / 2, humidity: 40 + (i % 11), pressure: 1000 + (i % 3), vibration: 0.01 * (1 + (i % 4)) } });
    }
  }
  return out;
}

describe('the long ranges before the rollups ran: their tables have no columns yet', () => {
  let ts: TestTimestream;
  let query: TimestreamQueryClient;

  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true } }] });
    query = ts.queryClient();
    const write = ts.writeClient();
    // the rollup tables and their scheduled queries, none of which has run
    await provisionRollups({ write, query }, { seedTimeMs: NOW - 31 * 3_600_000, seeded: false });
    for (const plan of toWriteRequests(readings(), timestreamSettings)) await write.send(new WriteRecordsCommand(plan.input));
  });
  afterAll(() => ts?.close());

  it('a rollup table read directly still fails naming the missing column (the fallback is the reader’s, not the server’s)', async () => {
    const sql = `SELECT device_id FROM ${sqlTable(rollupSettings.databaseName, rollupSettings.perHour.table.tableName)}`;
    await expect(query.send(new QueryCommand({ QueryString: sql }))).rejects.toThrow(/Column 'device_id' does not exist/);
  });

  it.each(['24h', '7d', '30d'])('the %s view reads the raw readings instead, with the same answer as the raw source', async (id) => {
    const adapter = createQueriesAdapter(query);
    const fromRollups = rangeView(id, MINUTE);
    expect(fromRollups.source.kind).toBe('rollup');
    const fromRaw: RangeView = { ...fromRollups, source: { kind: 'raw' } };

    const quality = await adapter.dataQuality(fromRollups, MINUTE);
    expect(quality.map((q) => q.deviceId)).toEqual(['dev-a', 'dev-b']);
    expect(quality[0].received).toBeGreaterThan(quality[1].received);
    expect(quality).toEqual(await adapter.dataQuality(fromRaw, MINUTE));

    const trend = await adapter.trend(fromRollups, ['dev-a', 'dev-b']);
    expect(new Set(trend.map((t) => t.deviceId))).toEqual(new Set(['dev-a', 'dev-b']));
    expect(trend.every((t) => typeof t.values.temperature === 'number')).toBe(true);
    expect(trend).toEqual(await adapter.trend(fromRaw, ['dev-a', 'dev-b']));
    // the first devices, chosen by the query, read around the missing columns too
    expect(await adapter.trend(fromRollups, { first: 1 })).toEqual(trend.filter((t) => t.deviceId === 'dev-a'));
  });

  it('a failure other than a missing column is still the panel’s: a rollup table that is gone is not read around', async () => {
    await ts.writeClient().send(new DeleteTableCommand({ DatabaseName: rollupSettings.databaseName, TableName: rollupSettings.perHour.table.tableName }));
    const adapter = createQueriesAdapter(query);
    const range = rangeView('7d', MINUTE);
    await expect(adapter.trend(range, ['dev-a'])).rejects.toThrow(/does not exist/);
    await expect(adapter.trend(range, ['dev-a'])).rejects.not.toThrow(/Column/);
    // the data-quality table is still there without columns: that panel still reads the raw readings
    expect((await adapter.dataQuality(range, MINUTE)).map((q) => q.deviceId)).toEqual(['dev-a', 'dev-b']);
  });
});
