import type { QueryCommand, TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { DeleteTableCommand, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { backfillRollups, provisionRollups } from '@iot-timeseries/queries/testing';
import { MEASURE_NAMES, rollupSettings, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { createManualClock, startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { createQueriesAdapter, type AnomalyPoint } from '../src';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const NOW = Date.parse('2026-03-09T10:41:20Z');

/** Three devices, one reading a minute for 3 days; in the last 15 minutes dev-a's temperature and dev-c's vibration spike. */
function readings(): SensorReading[] {
  const out: SensorReading[] = [];
  for (const [d, id] of ['dev-a', 'dev-b', 'dev-c'].entries()) {
    for (let t = NOW - 3 * 86_400_000, i = 0; t < NOW - MINUTE; t += MINUTE, i++) {
      const recent = t > NOW - 15 * MINUTE;
      const measures = {
        temperature: 20 + d + ((i * 7) % 17) / 4 + (recent && id === 'dev-a' && i % 4 === 0 ? 12 : 0),
        humidity: 40 + (i % 23),
        pressure: 1000 + d + (i % 5) / 10,
        vibration: 0.01 * (1 + (i % 9)) + (recent && id === 'dev-c' && i % 3 === 0 ? 1 : 0),
      };
      out.push({ deviceId: id, location: `hall-${d}`, time: t + d * 1000, timeFromReceipt: false, measures });
    }
  }
  return out;
}

const ordered = (points: AnomalyPoint[]) => [...points].sort((a, b) => a.measure.localeCompare(b.measure) || a.deviceId.localeCompare(b.deviceId) || a.time - b.time);

describe('the anomalies panel: its 7-day baseline from the baseline rollup', () => {
  let ts: TestTimestream;
  let query: TimestreamQueryClient;

  beforeAll(async () => {
    const clock = createManualClock(new Date(NOW).toISOString());
    ts = await startTestTimestream({ now: clock.now, timers: clock, tables: [{ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true } }] });
    query = ts.queryClient();
    const write = ts.writeClient();
    const provisioned = await provisionRollups({ write, query }, { seedTimeMs: NOW - 4 * 86_400_000 });
    for (const plan of toWriteRequests(readings(), timestreamSettings)) await write.send(new WriteRecordsCommand(plan.input));
    await backfillRollups(query, provisioned, NOW - 3 * 86_400_000 - 3_600_000, NOW);
  });
  afterAll(() => ts?.close());

  it('finds the same anomalies, with the same scores, from the rollups as from a week of readings', async () => {
    const sent: string[] = [];
    const adapter = createQueriesAdapter({ send: (command: QueryCommand) => (sent.push(command.input.QueryString ?? ''), query.send(command)) } as Pick<TimestreamQueryClient, 'send'>);
    const pooled = ordered(await adapter.anomalies(15));
    // one query for every measure, from the baseline rollup's pooled rows (no fallback)
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(`"${rollupSettings.baseline.table.tableName}"`);
    expect(sent[0]).toContain('"sensor-data-1h"');
    expect(sent[0]).not.toContain('stddev(');
    for (const measure of MEASURE_NAMES) expect(sent[0]).toContain(`"${measure}_baseline_stddev"`);
    const raw = ordered(await adapter.anomalies(15, 'raw'));
    expect(sent[1]).not.toContain('"sensor-data-1h"');
    expect(pooled.map((a) => [a.measure, a.deviceId])).toEqual([...Array(raw.length)].map((_, i) => [raw[i].measure, raw[i].deviceId]));
    expect(new Set(raw.map((a) => `${a.measure} ${a.deviceId}`))).toEqual(new Set(['temperature dev-a', 'vibration dev-c']));
    pooled.forEach((a, i) => {
      expect(a.time).toBe(raw[i].time);
      expect(a.value).toBe(raw[i].value);
      expect(a.score).toBeGreaterThan(3);
      expect(Math.abs((a.score as number) - (raw[i].score as number))).toBeLessThan(1e-9 * Math.abs(raw[i].score as number));
    });
  });

  it('reads the baseline from the hourly rollup where the baseline rollup does not exist, from the readings where neither does (a stack deployed without rollups)', async () => {
    const before = ordered(await createQueriesAdapter(query).anomalies(15, 'raw'));
    const sent: string[] = [];
    const adapter = createQueriesAdapter({ send: (command: QueryCommand) => (sent.push(command.input.QueryString ?? ''), query.send(command)) } as Pick<TimestreamQueryClient, 'send'>);
    const drop = (table: string) => ts.writeClient().send(new DeleteTableCommand({ DatabaseName: rollupSettings.databaseName, TableName: table }));
    await drop(rollupSettings.baseline.table.tableName);
    // the same anomalies; the scores pooled from the bins equal within rounding
    const hourly = ordered(await adapter.anomalies(15));
    expect(hourly.map(({ score: _, ...a }) => a)).toEqual(before.map(({ score: _, ...a }) => a));
    hourly.forEach((a, i) => expect(Math.abs((a.score as number) - (before[i].score as number))).toBeLessThan(1e-9 * Math.abs(before[i].score as number)));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain('"sensor-data-1h"');
    expect(sent[1]).not.toContain(`"${rollupSettings.baseline.table.tableName}"`);
    await drop(rollupSettings.perHour.table.tableName);
    expect(ordered(await adapter.anomalies(15))).toEqual(before);
    expect(sent).toHaveLength(5);
    expect(sent[4]).not.toContain('"sensor-data-1h"');
  });
});
