/**
 * Long-range benchmark: DEVICES devices reporting every minute for DAYS days (1,000 x 7 days: 10.03 million
 * readings, about 0.5 % missing, two put-aside markers each), the rollups' scheduled queries (libs/schema) run
 * over them with ExecuteScheduledQuery, then the dashboard's 7-day view — its data-quality panel (every device)
 * and its charts (the 12 devices shown, hourly) as libs/dashboard's queries adapter reads them — from the
 * rollups and from the raw readings. Asserts the two answers are equal within rounding, prints both times
 * (median of RUNS) and the ratio. The server is the timestream-local CLI in its own process, with a data
 * directory in the temp folder that is removed at the end (--keep keeps it); it stops by itself after 60 min.
 *
 *   npx nx run dashboard:bench   # = npx tsx libs/dashboard/bench/long-range-view.ts [--devices 1000] [--days 7] [--runs 5] [--concurrency 32] [--keep]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExecuteScheduledQueryCommand, TimestreamQueryClient, UpdateScheduledQueryCommand } from '@aws-sdk/client-timestream-query';
import { CreateDatabaseCommand, CreateTableCommand, TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { provisionRollups } from '@iot-timeseries/queries/testing';
import { backfillInvocations, LOCAL_PLACEHOLDER_CREDENTIALS, rollupList, timestreamSettings, type Rollup } from '@iot-timeseries/schema';
import { createQueriesAdapter, rangeView, type RangeView, type TrendPoint } from '../src';
import { writeFleetWeek } from './fleet-week';

const flag = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const DEVICES = flag('--devices', 1000);
const DAYS = flag('--days', 7);
const RUNS = flag('--runs', 5);
const CONCURRENCY = flag('--concurrency', 32);
const KEEP = process.argv.includes('--keep');
const DEADLINE_MS = 60 * 60_000;
/** What the DuckDB file and its WAL take per reading, with room to spare. */
const BYTES_PER_READING = 400;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function startServer(dataDir: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const bin = path.join(__dirname, '../../timestream-local/bin/timestream-local.js');
  const child = spawn(process.execPath, [bin, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`timestream-local exited with ${code}`)));
  });
  return { endpoint, stop: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))) };
}

/** Rows equal within rounding: same keys and texts, numbers within 1e-9 relative; returns the largest relative difference. */
function assertSame(label: string, a: readonly object[], b: readonly object[]): number {
  if (a.length !== b.length) throw new Error(`${label}: ${a.length} rows from the rollups, ${b.length} from the raw readings`);
  let worst = 0;
  a.forEach((row, i) => {
    for (const [key, x] of Object.entries(row)) {
      const y = (b[i] as Record<string, unknown>)[key];
      if (typeof x === 'number' && typeof y === 'number') {
        const diff = Math.abs(x - y) / Math.max(1, Math.abs(y));
        worst = Math.max(worst, diff);
        if (diff > 1e-9) throw new Error(`${label}: row ${i} ${key} is ${x} from the rollups, ${y} from the raw readings`);
      } else if (JSON.stringify(x) !== JSON.stringify(y)) throw new Error(`${label}: row ${i} ${key} is ${JSON.stringify(x)} from the rollups, ${JSON.stringify(y)} from the raw readings`);
    }
  });
  return worst;
}

async function main(): Promise<void> {
  const free = statfsSync(tmpdir()).bavail * statfsSync(tmpdir()).bsize;
  const needed = DEVICES * DAYS * 1440 * BYTES_PER_READING;
  if (free < needed) throw new Error(`${tmpdir()} has ${(free / 1e9).toFixed(1)} GB free; the benchmark needs about ${(needed / 1e9).toFixed(1)} GB`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'long-range-bench-'));
  const server = await startServer(dataDir);
  const deadline = setTimeout(() => {
    console.error(`the benchmark did not finish within ${DEADLINE_MS / 60_000} min; stopping`);
    void server.stop().then(() => (KEEP ? undefined : rmSync(dataDir, { recursive: true, force: true }))).finally(() => process.exit(1));
  }, DEADLINE_MS);
  const config = { endpoint: server.endpoint, region: 'us-east-1', credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 3 };
  const write = new TimestreamWriteClient(config);
  const query = new TimestreamQueryClient(config);
  try {
    const now = Date.now();
    const fleet = { devices: DEVICES, startMs: Math.floor((now - DAYS * 86_400_000) / 60_000) * 60_000, endMs: Math.floor(now / 60_000) * 60_000 };
    await write.send(new CreateDatabaseCommand({ DatabaseName: timestreamSettings.databaseName }));
    const retention = timestreamSettings.retention;
    await write.send(new CreateTableCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, RetentionProperties: { MemoryStoreRetentionPeriodInHours: retention.memoryStoreRetentionHours, MagneticStoreRetentionPeriodInDays: retention.magneticStoreRetentionDays }, MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true } }));
    // the rollups as deployed; their automatic runs are switched off so that nothing runs beside the measurements
    const provisioned = await provisionRollups({ write, query }, { seedTimeMs: fleet.startMs - 60_000, environment: 'bench' });
    for (const arn of Object.values(provisioned.arns)) await query.send(new UpdateScheduledQueryCommand({ ScheduledQueryArn: arn, State: 'DISABLED' }));

    const fillStart = Date.now();
    const readings = await writeFleetWeek(write, fleet, CONCURRENCY, (n) => log(`  ${n.toLocaleString('en')} readings written`));
    const fillMs = Date.now() - fillStart;
    log(`filled ${readings.toLocaleString('en')} readings from ${DEVICES} devices over ${DAYS} days in ${seconds(fillMs)} (${Math.round(readings / (fillMs / 1000)).toLocaleString('en')} readings/s); data directory ${dataDir}`);

    // backfill: every rollup's invocations (oldest first), the minute rollup over the last 6 hours only (the 7-day view reads the hourly ones)
    const done = new Map<string, number>();
    const backfill = async (rollup: Rollup, fromMs: number) => {
      const started = Date.now();
      const times = backfillInvocations(rollup, Math.max(fromMs, done.get(rollup.id) ?? fromMs), Date.now()).filter((t) => t > (done.get(rollup.id) ?? -Infinity));
      for (const at of times) await query.send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: provisioned.arns[rollup.id], InvocationTime: new Date(at) }));
      if (times.length > 0) done.set(rollup.id, times[times.length - 1]);
      return { runs: times.length, ms: Date.now() - started };
    };
    for (const rollup of rollupList()) {
      const { runs, ms } = await backfill(rollup, rollup.binMinutes === 1 ? now - 6 * 3_600_000 : fleet.startMs);
      log(`rollup ${rollup.id}: ${runs} runs (ExecuteScheduledQuery, InvocationTimes ${rollup.overlapMinutes} min apart) in ${seconds(ms)}, ${runs > 0 ? `${Math.round(ms / runs)} ms a run` : ''}`);
    }

    const adapter = createQueriesAdapter(query);
    const fromRollups = rangeView('7d', 60_000);
    const fromRaw: RangeView = { ...fromRollups, source: { kind: 'raw' } };
    const view = async (range: RangeView) => {
      const started = performance.now();
      const quality = await adapter.dataQuality(range, 60_000);
      const devices = quality.map((q) => q.deviceId).sort().slice(0, 12);
      const trend = await adapter.trend(range, devices);
      return { ms: performance.now() - started, quality, trend };
    };
    const times = { rollups: [] as number[], raw: [] as number[] };
    let worst = 0;
    for (let run = 0; run <= RUNS; run++) {
      for (const rollup of rollupList()) await backfill(rollup, now); // the run of the hour that just began, as the scheduler would
      const a = await view(fromRollups);
      const b = await view(fromRaw);
      const flat = (points: TrendPoint[]) => points.map((p) => ({ deviceId: p.deviceId, bin: p.bin, ...p.values }));
      worst = Math.max(worst, assertSame('data quality', a.quality, b.quality), assertSame('charts', flat(a.trend), flat(b.trend)));
      if (run === 0) {
        log(`the 7-day view: data quality of ${a.quality.length} devices, charts of ${new Set(a.trend.map((t) => t.deviceId)).size} devices in ${new Set(a.trend.map((t) => t.bin)).size} hourly bins (${a.trend.length} points)`);
        continue; // warm-up
      }
      times.rollups.push(a.ms);
      times.raw.push(b.ms);
    }
    const [r, w] = [median(times.rollups), median(times.raw)];
    log(`answers equal within rounding (largest relative difference ${worst.toExponential(1)})`);
    log(`7-day view from the rollups: ${r.toFixed(1)} ms; from the raw readings: ${w.toFixed(1)} ms; ${(w / r).toFixed(1)}x faster (median of ${RUNS}; rollups ${times.rollups.map((x) => x.toFixed(0)).join('/')} ms, raw ${times.raw.map((x) => x.toFixed(0)).join('/')} ms)`);
    log(`targets: at least 50x faster ${w / r >= 50 ? 'MET' : 'NOT MET'}; under 100 ms ${r < 100 ? 'MET' : 'NOT MET'}`);
  } finally {
    clearTimeout(deadline);
    write.destroy();
    query.destroy();
    await server.stop();
    if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
