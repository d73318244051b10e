/**
 * Long-range benchmark: DEVICES devices reporting every minute for DAYS days (default 232 x 30 days: 10.0 million
 * readings, about 0.5 % missing, two put-aside markers each), the rollups' scheduled queries (libs/schema) run
 * over them with ExecuteScheduledQuery, then the dashboard's RANGE view (default 30 d) — its data-quality panel
 * (every device), its charts (the 12 devices shown) and beside them the anomalies panel of the live window, whose
 * 7-day baseline follows the range's source, as libs/dashboard's queries adapter reads them — from the rollups and
 * from the raw readings, with the rows each source holds for it. Asserts the two answers are equal within rounding
 * (the anomaly baselines of every device and measure too), prints both times (median of RUNS, each panel's) and the ratio. The server is the timestream-local CLI in its own process, with a data
 * directory in the temp folder that is removed at the end (--keep keeps it); it stops by itself after 60 min.
 *
 *   npx nx run dashboard:bench   # = npx tsx libs/dashboard/bench/long-range-view.ts [--range 30d] [--devices 232] [--days 30] [--runs 5] [--concurrency 32] [--keep] [--data-dir <a kept one>]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateScheduledQueryCommand, ExecuteScheduledQueryCommand, QueryCommand, TimestreamQueryClient, UpdateScheduledQueryCommand } from '@aws-sdk/client-timestream-query';
import { CreateDatabaseCommand, CreateTableCommand, TimestreamWriteClient, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { scheduledQueriesByName } from '@iot-timeseries/queries';
import { provisionRollups, type ProvisionedRollups } from '@iot-timeseries/queries/testing';
import { backfillInvocations, LOCAL_PLACEHOLDER_CREDENTIALS, PUT_ASIDE_RECORDS, rollupList, rollupScheduledQueries, rollupScheduledQueryInput, rollupSeedRecord, rollupSettings, rollupTableInput, sqlLiteral, sqlTable, timestreamSettings, type Rollup } from '@iot-timeseries/schema';
import { createQueriesAdapter, PANEL_QUERY_TIMEOUT_MS, rangeView, type AnomalyPoint, type RangeView, type TrendPoint } from '../src';
import { writeFleetWeek } from './fleet-week';
import { assertSame, sameBaselines } from './same-answers';

const flag = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const RANGE = process.argv.includes('--range') ? process.argv[process.argv.indexOf('--range') + 1] : '30d';
const DEVICES = flag('--devices', 232);
const DAYS = flag('--days', 30);
const RUNS = flag('--runs', 5);
const CONCURRENCY = flag('--concurrency', 32);
const KEEP = process.argv.includes('--keep');
/**
 * A data directory a run with --keep left: measured again without the fill. It is first brought up to date as a
 * running fleet would have left it: every device's readings from the latest one kept to now, and the rollups' runs
 * since (so the range ends now, and the readings since the rollups' last runs are the last hour's, as after a fill).
 */
const REUSE = process.argv.includes('--data-dir') ? process.argv[process.argv.indexOf('--data-dir') + 1] : undefined;
const DEADLINE_MS = 60 * 60_000;
/** The live panels' window (the simulator's default): the anomalies panel examines the fleet's last readings in it. */
const LIVE_WINDOW_MINUTES = 15;
/** The devices the page charts (libs/dashboard's loader). */
const CHART_DEVICES = 12;
/** What the DuckDB file and its WAL take per reading, with room to spare. */
const BYTES_PER_READING = 400;

/** Where a rollup provisioned into a kept directory reports (the local server records and does not use them). */
const BENCH_DEPLOYMENT = { topicArn: 'arn:aws:sns:us-east-1:000000000000:bench-rollups', executionRoleArn: 'arn:aws:iam::000000000000:role/bench-rollups', errorReportBucket: 'bench-rollup-errors' };

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

const count = async (query: TimestreamQueryClient, table: string, where: string) => {
  const answer = await query.send(new QueryCommand({ QueryString: `SELECT count(*) FROM ${sqlTable(timestreamSettings.databaseName, table)} WHERE ${where}` }));
  return Number(answer.Rows?.[0]?.Data?.[0]?.ScalarValue ?? 0);
};

/** The rows each source holds for the view: the chart's devices in the rollup the view reads vs their raw readings; the data-quality rollup vs all readings and markers. */
async function sourceRows(query: TimestreamQueryClient, view: RangeView, fromMs: number, devices: string[]) {
  if (view.source.kind === 'raw') throw new Error('the view reads no rollup');
  const since = `time >= from_milliseconds(${fromMs})`;
  const shown = `device_id IN (${devices.map(sqlLiteral).join(', ')})`;
  const raw = timestreamSettings.tableName;
  return {
    chartRollup: await count(query, view.source.rollup.table.tableName, `${since} AND ${shown} AND measure_name = ${sqlLiteral(rollupSettings.measureName)}`),
    chartRaw: await count(query, raw, `${since} AND ${shown} AND measure_name = ${sqlLiteral(timestreamSettings.multiMeasureName)}`),
    qualityRollup: await count(query, rollupSettings.dataQuality.table.tableName, `${since} AND measure_name = ${sqlLiteral(rollupSettings.dataQualityMeasureName)}`),
    qualityRaw: await count(query, raw, `${since} AND measure_name IN (${sqlLiteral(timestreamSettings.multiMeasureName)}, ${sqlLiteral(PUT_ASIDE_RECORDS.measureName)})`),
  };
}

/** A fresh server: the readings' table, the rollups as deployed (their automatic runs off, so nothing runs beside the measurements), the fleet's readings. */
async function fill(write: TimestreamWriteClient, query: TimestreamQueryClient, now: number, dataDir: string): Promise<ProvisionedRollups> {
  const fleet = { devices: DEVICES, startMs: Math.floor((now - DAYS * 86_400_000) / 60_000) * 60_000, endMs: Math.floor(now / 60_000) * 60_000 };
  await write.send(new CreateDatabaseCommand({ DatabaseName: timestreamSettings.databaseName }));
  const retention = timestreamSettings.retention;
  await write.send(new CreateTableCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, RetentionProperties: { MemoryStoreRetentionPeriodInHours: retention.memoryStoreRetentionHours, MagneticStoreRetentionPeriodInDays: retention.magneticStoreRetentionDays }, MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true } }));
  const provisioned = await provisionRollups({ write, query }, { seedTimeMs: fleet.startMs - 60_000, rollupSeedTimeMs: now, environment: 'bench' });
  for (const arn of Object.values(provisioned.arns)) await query.send(new UpdateScheduledQueryCommand({ ScheduledQueryArn: arn, State: 'DISABLED' }));
  const fillStart = Date.now();
  const readings = await writeFleetWeek(write, fleet, CONCURRENCY, (n) => log(`  ${n.toLocaleString('en')} readings written`));
  const fillMs = Date.now() - fillStart;
  log(`filled ${readings.toLocaleString('en')} readings from ${DEVICES} devices over ${DAYS} days in ${seconds(fillMs)} (${Math.round(readings / (fillMs / 1000)).toLocaleString('en')} readings/s); data directory ${dataDir}`);
  return provisioned;
}

/** When the latest reading was taken (epoch ms). */
async function latestReadingMs(query: TimestreamQueryClient): Promise<number> {
  const answer = await query.send(new QueryCommand({ QueryString: `SELECT to_milliseconds(max(time)) FROM ${sqlTable(timestreamSettings.databaseName, timestreamSettings.tableName)} WHERE measure_name = ${sqlLiteral(timestreamSettings.multiMeasureName)}` }));
  return Number(answer.Rows?.[0]?.Data?.[0]?.ScalarValue ?? Date.now());
}

/** A kept data directory: its rollups' scheduled queries by name (a rollup added since is provisioned, its runs off), and what it holds. */
async function reuse(write: TimestreamWriteClient, query: TimestreamQueryClient, dataDir: string): Promise<ProvisionedRollups> {
  const byName = await scheduledQueriesByName(query);
  const arns: Record<string, string> = {};
  for (const definition of rollupScheduledQueries({ environment: 'bench' })) {
    let arn = byName.get(definition.name);
    if (!arn && byName.size === 0) throw new Error(`${dataDir} has no scheduled query ${definition.name}: pass --data-dir a directory that a run with --keep left`);
    if (!arn) {
      const { rollup } = definition;
      await write.send(new CreateTableCommand(rollupTableInput(rollup, { rejectedDataBucket: 'bench-rejected-data' })));
      await write.send(new WriteRecordsCommand({ DatabaseName: rollupSettings.databaseName, TableName: rollup.table.tableName, Records: [rollupSeedRecord(rollup, Date.now())] }));
      arn = (await query.send(new CreateScheduledQueryCommand(rollupScheduledQueryInput(definition, BENCH_DEPLOYMENT)))).Arn as string;
      await query.send(new UpdateScheduledQueryCommand({ ScheduledQueryArn: arn, State: 'DISABLED' }));
      log(`provisioned rollup ${rollup.id} (new since the directory was kept)`);
    }
    arns[definition.rollup.id] = arn;
  }
  const readings = await count(query, timestreamSettings.tableName, `measure_name = ${sqlLiteral(timestreamSettings.multiMeasureName)}`);
  log(`reusing ${dataDir}: ${readings.toLocaleString('en')} readings (no fill)`);
  return { arns };
}

async function main(): Promise<void> {
  const free = statfsSync(tmpdir()).bavail * statfsSync(tmpdir()).bsize;
  const needed = DEVICES * DAYS * 1440 * BYTES_PER_READING;
  if (!REUSE && free < needed) throw new Error(`${tmpdir()} has ${(free / 1e9).toFixed(1)} GB free; the benchmark needs about ${(needed / 1e9).toFixed(1)} GB`);
  const dataDir = REUSE ?? mkdtempSync(path.join(tmpdir(), 'long-range-bench-'));
  const server = await startServer(dataDir);
  const deadline = setTimeout(() => {
    console.error(`the benchmark did not finish within ${DEADLINE_MS / 60_000} min; stopping`);
    void server.stop().then(() => (KEEP || REUSE ? undefined : rmSync(dataDir, { recursive: true, force: true }))).finally(() => process.exit(1));
  }, DEADLINE_MS);
  const config = { endpoint: server.endpoint, region: 'us-east-1', credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 3 };
  const write = new TimestreamWriteClient(config);
  const query = new TimestreamQueryClient(config);
  try {
    const now = Date.now();
    const provisioned = REUSE ? await reuse(write, query, dataDir) : await fill(write, query, now, dataDir);
    // a kept directory: the readings from its latest one to now (the fleet's pattern over that stretch)
    const keptUntilMs = REUSE ? await latestReadingMs(query) : now;
    if (REUSE) {
      // without the fill's three silent hours, which would fall at the end of a short stretch (the live window)
      const fleet = { devices: DEVICES, startMs: Math.floor(keptUntilMs / 60_000) * 60_000 + 60_000, endMs: Math.floor(now / 60_000) * 60_000, silentStretch: false };
      const started = Date.now();
      const written = fleet.endMs > fleet.startMs ? await writeFleetWeek(write, fleet, CONCURRENCY, () => undefined) : 0;
      log(`brought up to date: ${written.toLocaleString('en')} readings from ${new Date(fleet.startMs).toISOString()} to now in ${seconds(Date.now() - started)}`);
    }
    // the live window covers the last 15 minutes of readings: they end when the fill started
    const readingsEndMs = now;
    const liveMinutes = () => Math.ceil((Date.now() - readingsEndMs) / 60_000) + LIVE_WINDOW_MINUTES;

    const fromRollups = rangeView(RANGE, 60_000);
    if (fromRollups.source.kind === 'raw') throw new Error(`--range ${RANGE} reads the raw readings anyway; take a range longer than an hour`);
    const rangeStartMs = now - fromRollups.minutes * 60_000;
    // backfill: every rollup's invocations (oldest first), the minute rollup over the range only up to a day (the longer ranges read the hourly ones)
    const done = new Map<string, number>();
    const backfill = async (rollup: Rollup, fromMs: number) => {
      const started = Date.now();
      const times = backfillInvocations(rollup, Math.max(fromMs, done.get(rollup.id) ?? fromMs), Date.now()).filter((t) => t > (done.get(rollup.id) ?? -Infinity));
      for (const at of times) await query.send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: provisioned.arns[rollup.id], InvocationTime: new Date(at) }));
      if (times.length > 0) done.set(rollup.id, times[times.length - 1]);
      return { runs: times.length, ms: Date.now() - started };
    };
    for (const rollup of rollupList()) {
      // the baseline rollup: only its latest run is read
      const from = rollup.kind === 'baseline' ? now - 3_600_000 : REUSE ? keptUntilMs - rollup.overlapMinutes * 60_000 : rollup.binMinutes === 1 ? Math.max(rangeStartMs, now - 86_400_000) - 3_600_000 : Math.floor((now - DAYS * 86_400_000) / 60_000) * 60_000;
      const { runs, ms } = await backfill(rollup, from);
      log(`rollup ${rollup.id}: ${runs} runs (ExecuteScheduledQuery, InvocationTimes ${rollup.overlapMinutes} min apart) in ${seconds(ms)}, ${runs > 0 ? `${Math.round(ms / runs)} ms a run` : ''}`);
    }
    const last = done.get(rollupSettings.perMinute.id);
    if (last !== undefined) {
      // a run that re-computes bins already written (as every scheduled run of its overlap does), here all unchanged
      const started = Date.now();
      await query.send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: provisioned.arns[rollupSettings.perMinute.id], InvocationTime: new Date(last) }));
      log(`rollup ${rollupSettings.perMinute.id} re-run over its last ${rollupSettings.perMinute.overlapMinutes} min of bins (unchanged): ${Date.now() - started} ms`);
    }

    // the page gives a panel PANEL_QUERY_TIMEOUT_MS; the raw readings may need longer, which the benchmark measures
    const adapter = createQueriesAdapter(query, { timeoutMs: 10 * 60_000 });
    const fromRaw: RangeView = { ...fromRollups, source: { kind: 'raw' } };
    // as the page loads it: the data quality, the charts of the first devices and the anomalies of the live window,
    // whose 7-day baseline follows the range's source
    const view = async (range: RangeView) => {
      const minute = Math.floor(Date.now() / 60_000);
      const started = performance.now();
      const timed = async <T>(run: () => Promise<T>) => {
        const at = performance.now();
        const value = await run();
        return { value, ms: performance.now() - at, end: performance.now() - started };
      };
      const live = liveMinutes();
      // as the page loads them: side by side, the charts picking the first 12 devices themselves
      const [quality, trend, anomalies] = await Promise.all([
        timed(() => adapter.dataQuality(range, 60_000)),
        timed(() => adapter.trend(range, { first: CHART_DEVICES })),
        timed(() => adapter.anomalies(live, range.source.kind === 'raw' ? 'raw' : 'rollup')),
      ]);
      const panels = `data quality ${quality.ms.toFixed(0)} ms, charts ${trend.ms.toFixed(0)} ms, anomalies ${anomalies.ms.toFixed(0)} ms`;
      return { minute, ms: performance.now() - started, quality: quality.value, trend: trend.value, anomalies: anomalies.value, panels };
    };
    const times = { rollups: [] as number[], raw: [] as number[] };
    let worst = 0;
    for (let run = 0; run <= RUNS; run++) {
      for (const rollup of rollupList()) await backfill(rollup, now); // the run of the hour that just began, as the scheduler would
      // both views asked within one minute (their data quality counts the minutes that had ended when asked), else again
      let [a, b] = [await view(fromRollups), await view(fromRaw)];
      for (let attempt = 1; attempt < 3 && a.minute !== b.minute; attempt++) [a, b] = [await view(fromRollups), await view(fromRaw)];
      if (run === 0 && b.ms > PANEL_QUERY_TIMEOUT_MS) log(`the raw readings took ${seconds(b.ms)}: longer than the page's ${seconds(PANEL_QUERY_TIMEOUT_MS)} panel timeout`);
      const flat = (points: TrendPoint[]) => points.map((p) => ({ deviceId: p.deviceId, bin: p.bin, ...p.values }));
      const byKey = (points: AnomalyPoint[]) => [...points].sort((x, y) => x.measure.localeCompare(y.measure) || x.deviceId.localeCompare(y.deviceId) || x.time - y.time);
      worst = Math.max(worst, assertSame('data quality', a.quality, b.quality), assertSame('charts', flat(a.trend), flat(b.trend)), assertSame('anomalies', byKey(a.anomalies), byKey(b.anomalies)));
      log(`  run ${run}: rollups ${a.ms.toFixed(0)} ms (${a.panels}); raw ${b.ms.toFixed(0)} ms (${b.panels})`);
      if (run === 0) {
        const shown = [...new Set(a.trend.map((t) => t.deviceId))];
        log(`the ${fromRollups.label} view: data quality of ${a.quality.length} devices, charts of ${shown.length} devices in ${new Set(a.trend.map((t) => t.bin)).size} bins of ${fromRollups.binMs / 60_000} min (${a.trend.length} points)`);
        const rows = await sourceRows(query, fromRollups, rangeStartMs, shown);
        log(`rows in the range: charts ${rows.chartRollup.toLocaleString('en')} rollup rows vs ${rows.chartRaw.toLocaleString('en')} raw readings; data quality ${rows.qualityRollup.toLocaleString('en')} rollup rows vs ${rows.qualityRaw.toLocaleString('en')} raw readings and markers`);
        worst = Math.max(worst, await sameBaselines(query, fromRollups, liveMinutes(), DEVICES, log));
        continue; // warm-up
      }
      times.rollups.push(a.ms);
      times.raw.push(b.ms);
    }
    const [r, w] = [median(times.rollups), median(times.raw)];
    log(`answers equal within rounding (largest relative difference ${worst.toExponential(1)})`);
    log(`${fromRollups.label} view from the rollups: ${r.toFixed(1)} ms; from the raw readings: ${w.toFixed(1)} ms; ${(w / r).toFixed(1)}x faster (median of ${RUNS}; rollups ${times.rollups.map((x) => x.toFixed(0)).join('/')} ms, raw ${times.raw.map((x) => x.toFixed(0)).join('/')} ms)`);
    log(`targets: at least 50x faster ${w / r >= 50 ? 'MET' : 'NOT MET'}; under 100 ms ${r < 100 ? 'MET' : 'NOT MET'}`);
  } finally {
    clearTimeout(deadline);
    write.destroy();
    query.destroy();
    await server.stop();
    if (!KEEP && !REUSE) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
