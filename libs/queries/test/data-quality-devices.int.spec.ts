import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { putAsideRecord, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { createManualClock, startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { dataQuality, runQuery } from '../src';
import { backfillRollups, provisionRollups } from '../src/testing';
import { TABLE } from './dataset';

jest.setTimeout(120_000);

const NOW = Date.parse('2026-03-02T12:34:30Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * dev-a reports every minute for 20 hours; dev-s stopped 3 hours ago (silent through the hour in progress);
 * dev-m sent nothing but had one message put aside 4 hours ago; dev-n joined 10 minutes ago.
 */
function readings(): SensorReading[] {
  const out: SensorReading[] = [];
  const at = (deviceId: string, location: string, from: number, to: number) => {
    for (let t = from, i = 0; t < to; t += MINUTE, i++) out.push({ deviceId, location, time: t, timeFromReceipt: false, measures: { temperature: 20 + (i % 5), humidity: 40, pressure: 1000, vibration: 0.01 } });
  };
  at('dev-a', 'hall-1', NOW - 20 * HOUR, NOW - MINUTE);
  at('dev-s', 'hall-2', NOW - 20 * HOUR, NOW - 3 * HOUR);
  at('dev-n', 'hall-3', NOW - 10 * MINUTE, NOW - MINUTE);
  return out;
}

const plain = (rows: Array<Record<string, unknown>>) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));

describe('data quality from the rollup: who the hour in progress counts, seen in the rollup or in the readings', () => {
  let ts: TestTimestream;
  let client: TimestreamQueryClient;
  const run = async (window: string, source: 'auto' | 'raw') => plain((await runQuery(client, dataQuality({ window, expectedEvery: '1m', source }))).rows as unknown as Array<Record<string, unknown>>);

  beforeAll(async () => {
    const clock = createManualClock(new Date(NOW).toISOString());
    ts = await startTestTimestream({ now: clock.now, timers: clock, tables: [{ ...TABLE, MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true } }] });
    client = ts.queryClient();
    const write = ts.writeClient();
    const provisioned = await provisionRollups({ write, query: client }, { seedTimeMs: NOW - 30 * HOUR });
    for (const plan of toWriteRequests(readings(), timestreamSettings)) await write.send(new WriteRecordsCommand(plan.input));
    const marker = putAsideRecord({ deviceId: 'dev-m', location: 'hall-4', kind: 'invalid', receivedAtMs: NOW - 4 * HOUR, identity: 'm1' });
    await write.send(new WriteRecordsCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, Records: marker ? [marker] : [] }));
    await backfillRollups(client, provisioned, NOW - 21 * HOUR, NOW);
  });
  afterAll(() => ts?.close());

  it.each(['6h', '1d', '7d'])('over %s the rollup and the raw readings give the same figures for every device', async (window) => {
    expect(await run(window, 'auto')).toEqual(await run(window, 'raw'));
  });

  it('a device silent since before the hour in progress, and one seen only by a marker, still get its ended minutes', async () => {
    const byDevice = Object.fromEntries((await run('6h', 'auto')).map((r) => [r.device_id, r]));
    expect(Object.keys(byDevice).sort()).toEqual(['dev-a', 'dev-m', 'dev-n', 'dev-s']);
    // 06:00 to 12:34: dev-s reported until 09:34, and the 34 ended minutes of 12:00 count against it as well
    expect(byDevice['dev-s']).toMatchObject({ location: 'hall-2', minutes: 6 * 60 + 34, minutes_with_readings: 3 * 60 + 34, readings: 3 * 60 + 34 });
    expect(byDevice['dev-m']).toMatchObject({ location: 'hall-4', readings: 0, put_aside_invalid: 1 });
    // joined at 12:24:30: expected from 12:24, not from 12:00
    expect(byDevice['dev-n']).toMatchObject({ location: 'hall-3', minutes: 10, readings: 9, gaps: 1 });
  });
});
