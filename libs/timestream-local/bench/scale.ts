/**
 * Scale benchmark: how the server's memory and its first answered write after a restart depend on the size of the
 * table. Fills one table (MULTI records: 2 dimensions, 4 DOUBLE measures, DEVICES devices one record a second each)
 * to each size in turn, straight through the server's own storage layer (DuckDbStorage.writeRecords, the path
 * WriteRecords ends in, in this process: no HTTP or JSON), then restarts the CLI server on the data directory and
 * measures, through the SDK: the first WriteRecords call (100 new records, the second after the table's last), a
 * rewrite of the 100 oldest records (identical: unchanged; other values, same version: rejected), SDK_RECORDS new
 * records (32 calls in flight) and a count over the whole table. RSS is the server's VmRSS from /proc. Stops by
 * itself; removes its data directory unless --keep.
 * Run: npx tsx libs/timestream-local/bench/scale.ts [--sizes 1000000,10000000,30000000] [--devices 5000] [--dir D] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { QueryCommand, TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { CreateDatabaseCommand, CreateTableCommand, TimestreamWriteClient, WriteRecordsCommand, type _Record, type WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import { DuckDbStorage } from '../src/storage/duckdb-storage';
import type { RecordToStore } from '../src/storage/write-types';
import { rssOf, startServer, type ServerProcess } from './server-process';

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (option('--sizes') ?? '1000000,10000000,30000000').split(',').map(Number);
const DEVICES = Number(option('--devices') ?? 5000);
const KEEP = process.argv.includes('--keep');
const SDK_RECORDS = 200_000;
const DB = 'scale';
const TABLE = 'readings';
const MEASURES = ['temperature', 'humidity', 'pressure', 'vibration'];
/** storage-layer calls in flight while filling, and records per call */
const FILL_CALLS = 32;
const FILL_PER_CALL = 1000;
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

const now = Date.now();
const largest = Math.max(...SIZES);
/** the first second of the table: the largest size ends ten minutes ago */
const T0 = Math.floor((now - 10 * 60_000) / 1000) * 1000 - Math.ceil(largest / DEVICES) * 1000;

const device = (d: number): string => `device-${String(d).padStart(5, '0')}`;
/** the measure values of device d at second s of the table (deterministic, so a rewrite can repeat them) */
const valuesOf = (d: number, s: number, shift = 0): number[] => [20 + ((d + s) % 17) * 0.5 + shift, 40 + ((d * 3 + s) % 13), 1000 + ((d + s * 7) % 11) * 0.25, ((d + s) % 7) * 0.01];

/** Record n of the table (device n mod DEVICES at second floor(n / DEVICES)) as the storage layer takes it. */
function storedRecord(n: number): RecordToStore {
  const d = n % DEVICES;
  const s = Math.floor(n / DEVICES);
  const timeMs = T0 + s * 1000;
  const values = valuesOf(d, s);
  return {
    index: n % FILL_PER_CALL,
    dimensions: [
      { name: 'device_id', value: device(d) },
      { name: 'location', value: `site-${d % 50}` },
    ],
    measureName: 'readings',
    kind: 'MULTI',
    values: MEASURES.map((name, k) => ({ name, type: 'DOUBLE' as const, value: values[k] })),
    timeNs: BigInt(timeMs) * 1_000_000n,
    timeMs,
    nsOfMs: 0,
    version: 1,
    store: 'MEMORY',
  };
}

/** The same record as the SDK sends it (values as text, as the service's clients write them); `prefix` names other devices. */
function sdkRecord(d: number, timeMs: number, values: number[], version = 1, prefix = 'device'): _Record {
  return {
    Dimensions: [
      { Name: 'device_id', Value: `${prefix}-${String(d).padStart(5, '0')}` },
      { Name: 'location', Value: `site-${d % 50}` },
    ],
    Time: String(timeMs),
    Version: version,
    MeasureValues: MEASURES.map((name, k) => ({ Name: name, Value: String(values[k]), Type: 'DOUBLE' as const })),
  };
}

const input = (records: _Record[]): WriteRecordsCommandInput => ({ DatabaseName: DB, TableName: TABLE, CommonAttributes: { MeasureName: 'readings', MeasureValueType: 'MULTI' }, Records: records });

async function fill(dataDir: string, from: number, to: number): Promise<{ seconds: number }> {
  const storage = await DuckDbStorage.open({ dataDir });
  const started = performance.now();
  try {
    for (let n = from; n < to; ) {
      const calls: Array<Promise<unknown>> = [];
      for (let c = 0; c < FILL_CALLS && n < to; c++) {
        const records: RecordToStore[] = [];
        for (let k = 0; k < FILL_PER_CALL && n < to; k++, n++) records.push(storedRecord(n));
        calls.push(storage.writeRecords(DB, TABLE, records));
      }
      await Promise.all(calls);
    }
  } finally {
    await storage.close();
  }
  return { seconds: (performance.now() - started) / 1000 };
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

async function outcome(promise: Promise<{ RecordsIngested?: { Total?: number } }>): Promise<string> {
  try {
    return `ingested ${(await promise).RecordsIngested?.Total}`;
  } catch (error) {
    const rejected = (error as { RejectedRecords?: Array<{ Reason?: string }> }).RejectedRecords;
    return rejected ? `rejected ${rejected.length} (${rejected[0]?.Reason?.slice(0, 44)}...)` : String(error);
  }
}

interface Measured {
  size: number;
  fill: string;
  diskMb: number;
  startMs: number;
  rssStartMb: number;
  firstWriteMs: number;
  spawnToFirstAnswerMs: number;
  rssFirstMb: number;
  oldRewrite: string;
  oldRewriteMs: number;
  oldConflict: string;
  sdkRate: number;
  rssAfterMb: number;
  scanMs: number;
  scanCount: string;
  rssScanMb: number;
  peakMb: number;
}

/** the server process started last, killed if the benchmark is interrupted */
let running: ServerProcess | undefined;

async function measure(dataDir: string, size: number, fillText: string): Promise<Measured> {
  const spawned = performance.now();
  const server: ServerProcess = await startServer(dataDir);
  running = server;
  try {
    const rssStartMb = rssOf(server.pid).rssMb;
    const client = new TimestreamWriteClient({ endpoint: server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    // new records of other devices ('probe-*'), from the second after the table's last on, as a live source writes them
    const t = T0 + Math.ceil(size / DEVICES) * 1000;
    const fresh = Array.from({ length: 100 }, (_, i) => sdkRecord(i, t, valuesOf(i, 0), 1, 'probe'));
    const first = await timed(() => client.send(new WriteRecordsCommand(input(fresh))));
    const spawnToFirstAnswerMs = performance.now() - spawned;
    const rssFirstMb = rssOf(server.pid).rssMb;
    const oldest = Array.from({ length: 100 }, (_, d) => sdkRecord(d, T0, valuesOf(d, 0)));
    const rewrite = await timed(() => outcome(client.send(new WriteRecordsCommand(input(oldest)))));
    const changed = Array.from({ length: 100 }, (_, d) => sdkRecord(d, T0, valuesOf(d, 0, 1)));
    const oldConflict = await outcome(client.send(new WriteRecordsCommand(input(changed))));
    // more of them, 100 per call, 32 calls in flight
    const inputs: WriteRecordsCommandInput[] = [];
    for (let n = 0; n < SDK_RECORDS; n += 100) {
      inputs.push(input(Array.from({ length: 100 }, (_, k) => sdkRecord((n + k) % DEVICES, t + 1000 + Math.floor((n + k) / DEVICES) * 1000, valuesOf(k, n), 1, 'probe'))));
    }
    let next = 0;
    const sdk = await timed(() => Promise.all(Array.from({ length: 32 }, async () => {
      while (next < inputs.length) await client.send(new WriteRecordsCommand(inputs[next++]));
    })));
    const afterWrites = rssOf(server.pid);
    const query = new TimestreamQueryClient({ endpoint: server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    const scan = await timed(() => query.send(new QueryCommand({ QueryString: `SELECT count(*), avg(temperature) FROM "${DB}"."${TABLE}"` })));
    const after = rssOf(server.pid);
    query.destroy();
    client.destroy();
    return {
      size, fill: fillText, diskMb: duMb(dataDir), startMs: server.startMs, rssStartMb, firstWriteMs: first.ms, spawnToFirstAnswerMs, rssFirstMb,
      oldRewrite: rewrite.value, oldRewriteMs: rewrite.ms, oldConflict, sdkRate: SDK_RECORDS / (sdk.ms / 1000), rssAfterMb: afterWrites.rssMb,
      scanMs: scan.ms, scanCount: scan.value.Rows?.[0]?.Data?.[0]?.ScalarValue ?? '?', rssScanMb: after.rssMb, peakMb: after.peakMb,
    };
  } finally {
    await server.stop();
  }
}

const duMb = (dir: string): number => Number(execFileSync('du', ['-sm', dir]).toString().split('\t')[0]);
const freeMb = (dir: string): number => {
  const s = statfsSync(dir);
  return (s.bavail * s.bsize) / 1024 / 1024;
};

async function main(): Promise<void> {
  const base = option('--dir') ?? path.join(process.cwd(), 'tmp');
  mkdirSync(base, { recursive: true });
  const dataDir = mkdtempSync(path.join(base, 'tsl-scale-'));
  const removeAndExit = () => {
    if (running) process.kill(running.pid, 'SIGKILL');
    if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', removeAndExit);
  process.once('SIGTERM', removeAndExit);
  console.log(`scale benchmark in ${dataDir}: sizes ${SIZES.join(', ')}; ${DEVICES} devices, MULTI records (2 dimensions, 4 DOUBLE); filled through the storage layer (DuckDbStorage.writeRecords, ${FILL_CALLS} calls of ${FILL_PER_CALL} records in flight)`);
  const results: Measured[] = [];
  try {
    const setup = await startServer(dataDir);
    running = setup;
    const client = new TimestreamWriteClient({ endpoint: setup.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    await client.send(new CreateDatabaseCommand({ DatabaseName: DB }));
    await client.send(new CreateTableCommand({ DatabaseName: DB, TableName: TABLE, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 365 } }));
    client.destroy();
    await setup.stop();
    let filled = 0;
    for (const size of SIZES) {
      if (results.length > 0) {
        const perRecord = results[results.length - 1].diskMb / filled;
        const needMb = perRecord * (size - filled) * 1.5 + 1024;
        if (freeMb(dataDir) < needMb) throw new Error(`not enough free disk for ${size} records: need about ${needMb.toFixed(0)} MB, ${freeMb(dataDir).toFixed(0)} MB free`);
      }
      const { seconds } = await fill(dataDir, filled, size);
      const fillText = `${((size - filled) / seconds).toFixed(0)} records/s (${seconds.toFixed(0)} s)`;
      filled = size;
      const m = await measure(dataDir, size, fillText);
      results.push(m);
      console.log(JSON.stringify(m));
    }
  } finally {
    if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('\n| records in the table | disk | server start | RSS after start | first WriteRecords (100 new) | spawn to first answer | RSS after it | rewrite of the 100 oldest (identical) | same, other values | 200,000 new via SDK | RSS after | count(*) over the table | RSS after | peak RSS |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const m of results) {
    console.log(
      `| ${m.size.toLocaleString('en-US')} | ${m.diskMb} MB | ${m.startMs.toFixed(0)} ms | ${m.rssStartMb.toFixed(0)} MB | ${m.firstWriteMs.toFixed(0)} ms | ${m.spawnToFirstAnswerMs.toFixed(0)} ms | ${m.rssFirstMb.toFixed(0)} MB | ${m.oldRewrite}, ${m.oldRewriteMs.toFixed(0)} ms | ${m.oldConflict} | ${m.sdkRate.toFixed(0)} records/s | ${m.rssAfterMb.toFixed(0)} MB | ${m.scanCount}, ${m.scanMs.toFixed(0)} ms | ${m.rssScanMb.toFixed(0)} MB | ${m.peakMb.toFixed(0)} MB |`,
    );
  }
  console.log(`fill (storage layer): ${results.map((m) => m.fill).join('; ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
