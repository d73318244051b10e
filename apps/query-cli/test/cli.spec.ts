import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { backfillRollups, provisionRollups } from '@iot-timeseries/queries/testing';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(60_000);

const BIN = join(__dirname, '../bin/iot-query.js');

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('iot-query, run as a user runs it', () => {
  let ts: TestTimestream;
  let endpoint: string[];
  const now = Date.now();
  const readings: SensorReading[] = ['sensor-001', 'sensor-002'].flatMap((deviceId, d) =>
    Array.from({ length: 5 }, (_, i) => ({ deviceId, location: 'hall, "north"', time: now - (5 - i) * 60_000, timeFromReceipt: false, measures: { temperature: 20 + d * 5 + i, humidity: 50, pressure: 1000, vibration: 0.02 } })),
  );

  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName }] });
    const target = { databaseName: timestreamSettings.databaseName, tableName: timestreamSettings.tableName };
    for (const plan of toWriteRequests(readings, target)) await ts.writeClient().send(new WriteRecordsCommand(plan.input));
    endpoint = ['--endpoint', ts.endpoint];
  });
  afterAll(() => ts.close());

  it('lists databases and tables', async () => {
    const dbs = await cli(['databases', ...endpoint]);
    expect(dbs.code).toBe(0);
    expect(dbs.stdout).toContain(timestreamSettings.databaseName);
    const tables = await cli(['tables', ...endpoint, '--format', 'json']);
    expect(JSON.parse(tables.stdout)).toEqual([{ Table: timestreamSettings.tableName }]);
  });

  it('describes the table with its dimensions and measures', async () => {
    const { code, stdout } = await cli(['describe', ...endpoint, '--format', 'json']);
    expect(code).toBe(0);
    const columns = (JSON.parse(stdout) as Array<{ Column: string }>).map((c) => c.Column);
    expect(columns).toEqual(expect.arrayContaining(['device_id', 'location', 'measure_name', 'time', 'temperature', 'humidity']));
  });

  it('runs a named analytic and prints an aligned table', async () => {
    const { code, stdout } = await cli(['run', 'latest-readings', ...endpoint, '--measures', 'temperature']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual(['device_id', 'location', 'time', 'temperature']);
    expect(lines[1]).toMatch(/^-+( +-+){3}$/);
    expect(lines[2]).toMatch(/^sensor-001 +hall, "north" +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} +24$/);
    expect(lines[3]).toMatch(/^sensor-002 .* 29$/);
    expect(lines[4]).toBe('(2 rows)');
    // columns line up
    expect(lines[2].indexOf('hall')).toBe(lines[0].indexOf('location'));
  });

  it('prints CSV with quoting, and JSON with typed values', async () => {
    const csv = await cli(['run', 'percentiles', ...endpoint, '--measure', 'temperature', '--format', 'csv', '--devices', 'sensor-002']);
    expect(csv.stdout.split('\n').slice(0, 2)).toEqual(['device_id,location,p50,p90,p99,readings', 'sensor-002,"hall, ""north""",27,29,29,5']);
    const json = await cli(['sql', `SELECT device_id, count(*) AS n, max(temperature) AS t FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}" WHERE time > ago(1h) GROUP BY device_id ORDER BY device_id`, ...endpoint, '-f', 'json']);
    expect(JSON.parse(json.stdout)).toEqual([
      { device_id: 'sensor-001', n: 5, t: 24 },
      { device_id: 'sensor-002', n: 5, t: 29 },
    ]);
  });

  it('runs raw SQL from a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'iot-query-')), 'q.sql');
    writeFileSync(file, 'SELECT 1 AS one');
    const { code, stdout } = await cli(['sql', '--file', file, ...endpoint, '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout).toBe('one\n1\n');
  });

  it.each([
    [['describe', '--table', 'nope'], /^iot-query: ValidationException: .*nope.*\n$/, 1],
    [['sql', 'SELEC 1'], /^iot-query: ValidationException: .*\n$/, 1],
    [['run', 'trends', '--interval', '10 minutes'], /^iot-query: interval must look like 30s, 10m, 1h, 7d or 500ms, got "10 minutes"\n$/, 1],
    [['run', 'bogus'], /^iot-query: run needs one of latest-readings, .* \(see iot-query --help\)\n$/, 2],
    [['tables', '--format', 'xml'], /^iot-query: --format must be table, csv or json, got "xml" \(see iot-query --help\)\n$/, 2],
  ])('fails with one line and a non-zero exit: %j', async (args, message, exitCode) => {
    const { code, stdout, stderr } = await cli([...args, ...endpoint]);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('says where it could not connect', async () => {
    const { code, stderr } = await cli(['databases'], { IOT_QUERY_ENDPOINT: 'http://127.0.0.1:9' });
    expect(code).toBe(1);
    expect(stderr).toBe('iot-query: cannot reach http://127.0.0.1:9 (ECONNREFUSED); is the local cloud running? start it with: npx nx run local-cloud:serve\n');
  });
});

describe('iot-query on the rollups', () => {
  let ts: TestTimestream;
  let endpoint: string[];
  const now = Date.now();
  // two devices, a reading a minute for the last 8 hours
  const readings: SensorReading[] = ['sensor-001', 'sensor-002'].flatMap((deviceId, d) =>
    Array.from({ length: 8 * 60 }, (_, i) => ({ deviceId, location: 'hall-1', time: now - (8 * 60 - i) * 60_000, timeFromReceipt: false, measures: { temperature: 20 + d + (i % 10), humidity: 50, pressure: 1000, vibration: 0.02 } })),
  );

  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 365 } }] });
    const provisioned = await provisionRollups({ write: ts.writeClient(), query: ts.queryClient() }, { seedTimeMs: now - 9 * 3_600_000 });
    for (const plan of toWriteRequests(readings, timestreamSettings)) await ts.writeClient().send(new WriteRecordsCommand(plan.input));
    await backfillRollups(ts.queryClient(), provisioned, now - 9 * 3_600_000, now);
    endpoint = ['--endpoint', ts.endpoint];
  });
  afterAll(() => ts.close());

  it('range-series reads the hourly rollup for a long range and answers as the raw readings do', async () => {
    const args = ['run', 'range-series', ...endpoint, '--window', '6h', '--interval', '1h', '--measures', 'temperature', '--format', 'json'];
    const [fromRollup, fromRaw] = await Promise.all([cli(args), cli([...args, '--source', 'raw'])]);
    expect(fromRollup.code).toBe(0);
    const rows = JSON.parse(fromRollup.stdout) as Array<Record<string, number | string>>;
    expect(rows).toHaveLength(2 * 7);
    expect(rows).toEqual(JSON.parse(fromRaw.stdout));
    expect(Object.keys(rows[0])).toEqual(['device_id', 'location', 'bin_time', 'temperature_avg', 'temperature_min', 'temperature_max', 'temperature_count']);
  });

  it('rollups lists a rollup with its p95, and data-quality counts received against expected', async () => {
    const rollups = await cli(['run', 'rollups', ...endpoint, '--rollup', 'rollup-1h', '--window', '3h', '--measures', 'temperature', '--format', 'csv', '--devices', 'sensor-001']);
    expect(rollups.code).toBe(0);
    expect(rollups.stdout.split('\n')[0]).toBe('device_id,location,bin_time,temperature_avg,temperature_min,temperature_max,temperature_count,temperature_p95,temperature_m2,readings');
    const quality = await cli(['run', 'data-quality', ...endpoint, '--window', '6h', '--expected-every', '1m', '--format', 'json']);
    expect(quality.code).toBe(0);
    const [first] = JSON.parse(quality.stdout) as Array<{ device_id: string; readings: number; expected: number; gaps: number }>;
    expect(first.device_id).toBe('sensor-001');
    expect(first.readings).toBeGreaterThan(6 * 60);
    expect(first.readings).toBeLessThanOrEqual(first.expected);
    const bad = await cli(['run', 'rollups', ...endpoint, '--rollup', 'rollup-1d']);
    expect([bad.code, bad.stderr]).toEqual([1, 'iot-query: rollup must be rollup-1m or rollup-1h, got "rollup-1d"\n']);
  });
});
