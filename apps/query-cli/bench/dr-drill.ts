/**
 * Disaster-recovery drill (issue 16): a local S3 and two timestream-local servers on data directories; the source is
 * filled with READINGS readings from DEVICES devices over the last 3 hours (WriteRecords, not timed), then export,
 * import and verify run through the same code as `iot-query export | import | verify` (runCli, in process), each timed.
 * While the export runs, LATE readings (devices `late-*`) are written to the source, and LATE more (`after-*`) once it
 * has finished: what the copy lacks of them is the recovery point (the loss). Prints each phase's seconds and rows/s, the recovery time and the recovery point.
 * Run: npx tsx apps/query-cli/bench/dr-drill.ts [--readings N] [--devices D] [--late L]
 */
import { WriteRecordsCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { startLocalS3 } from '@iot-timeseries/local-cloud-core';
import { LOCAL_PLACEHOLDER_CREDENTIALS, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { startTestTimestream } from '@iot-timeseries/timestream-local/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const READINGS = arg('--readings', 10_000_000);
const DEVICES = arg('--devices', 1000);
const LATE = arg('--late', 1000);
const BUCKET = 'dr-drill';
const WINDOW_MS = 3 * 3_600_000;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** Readings [from, to) of `devices` devices, spread over the 3 hours before `now`. */
function readings(prefix: string, devices: number, from: number, to: number, now: number): SensorReading[] {
  const perDevice = Math.ceil(READINGS / DEVICES);
  const step = Math.max(1, Math.floor(WINDOW_MS / perDevice));
  const out: SensorReading[] = [];
  for (let i = from; i < to; i++) {
    const k = Math.floor(i / devices);
    out.push({ deviceId: `${prefix}-${i % devices}`, location: 'hall 1', time: now - WINDOW_MS + k * step, timeFromReceipt: false, measures: { temperature: 20 + (i % 17) / 4, humidity: 40 + (i % 23), vibration: (i % 7) / 100 } });
  }
  return out;
}

/** Writes the readings through WriteRecords (100 per call), 16 calls in flight. */
async function fill(client: TimestreamWriteClient, all: SensorReading[]): Promise<void> {
  const plans = toWriteRequests(all, timestreamSettings);
  let next = 0;
  const worker = async () => {
    while (next < plans.length) await client.send(new WriteRecordsCommand(plans[next++].input));
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { ...process.env, IOT_QUERY_S3_ENDPOINT: '' }, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A count from the one-row JSON summary a command prints (0 when it printed none). */
const summaryCount = (stdout: string, field: string): number => {
  try {
    return Number((JSON.parse(stdout) as Array<Record<string, unknown>>)[0]?.[field] ?? 0);
  } catch {
    return 0;
  }
};

/** Records of the copy that verify compared (the sum of its per-device counts). */
const copyRecords = (stdout: string): number => {
  try {
    return (JSON.parse(stdout) as Array<{ copy_records: number }>).reduce((n, r) => n + Number(r.copy_records), 0);
  } catch {
    return 0;
  }
};

async function timed<T>(name: string, rows: (value: T) => number, run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name}: ${seconds.toFixed(1)} s, ${Math.round(rows(value) / seconds)} rows/s (load ${load()})`);
  return { value, seconds };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dr-drill-'));
  const s3 = await startLocalS3({ host: '127.0.0.1', port: 0, directory: join(dir, 's3'), buckets: [BUCKET], credentials: LOCAL_PLACEHOLDER_CREDENTIALS });
  const source = await startTestTimestream({ dataDir: join(dir, 'source'), s3Endpoint: s3.endpoint, tables: [{ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName }] });
  const target = await startTestTimestream({ dataDir: join(dir, 'target'), s3Endpoint: s3.endpoint });
  const s3Flags = ['--s3-endpoint', s3.endpoint, '--timeout', '3600000'];
  try {
    const now = Date.now();
    console.log(`DR drill: ${READINGS} readings of ${DEVICES} devices, ${LATE} written during the export and ${LATE} after it (load ${load()})`);
    const filling = performance.now();
    const writer = source.writeClient();
    for (let from = 0; from < READINGS; from += 100_000) await fill(writer, readings('dev', DEVICES, from, Math.min(READINGS, from + 100_000), now));
    console.log(`fill (not timed as recovery): ${((performance.now() - filling) / 1000).toFixed(1)} s`);

    const late = readings('late', 10, 0, LATE, Date.now());
    let lateWrites: Promise<void> = Promise.resolve();
    const exported = await timed('export', (r) => summaryCount(r.stdout, 'rows'), async () => {
      lateWrites = fill(writer, late);
      return cli(['export', `s3://${BUCKET}/drill`, '--endpoint', source.endpoint, ...s3Flags, '--format', 'json']);
    });
    await lateWrites;
    // written after the export finished, before the restore: not in the copy by construction
    await fill(writer, readings('after', 10, 0, LATE, Date.now()));
    if (exported.value.code !== 0) throw new Error(`export failed: ${exported.value.stderr}`);
    const imported = await timed('import', (r) => summaryCount(r.stdout, 'ingested'), () => cli(['import', `s3://${BUCKET}/drill`, '--endpoint', target.endpoint, ...s3Flags, '--database', 'dr-drill', '--table', 'restored', '--format', 'json']));
    if (imported.value.code !== 0) throw new Error(`import failed: ${imported.value.stderr}`);
    const verified = await timed('verify', (r) => copyRecords(r.stdout), () =>
      cli(['verify', '--source-endpoint', source.endpoint, '--source-database', timestreamSettings.databaseName, '--source-table', timestreamSettings.tableName, '--endpoint', target.endpoint, '--database', 'dr-drill', '--table', 'restored', '--timeout', '3600000', '--format', 'json']),
    );
    const rows = JSON.parse(verified.value.stdout) as Array<{ device: string; source_records: number; copy_records: number; match: string }>;
    const differing = rows.filter((r) => r.match !== 'yes');
    const lost = rows.reduce((n, r) => n + Number(r.source_records) - Number(r.copy_records), 0);
    const restored = rows.reduce((n, r) => n + Number(r.copy_records), 0);
    const otherDiffs = differing.filter((r) => !r.device.startsWith('late-') && !r.device.startsWith('after-'));
    console.log(`summary: ${JSON.stringify(JSON.parse(imported.value.stdout))}`);
    console.log(`recovery time (export + import + verify): ${(exported.seconds + imported.seconds + verified.seconds).toFixed(1)} s; ${restored} readings restored`);
    console.log(`recovery point: ${2 * LATE} readings written to the source after the export started (${LATE} during it, ${LATE} after it), ${lost} of them missing in the copy`);
    console.log(`verify: ${rows.length} devices, ${differing.length} differ (${otherDiffs.length} of them not written after the export started)`);
    if (otherDiffs.length > 0) process.exitCode = 1;
  } finally {
    await source.close();
    await target.close();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
