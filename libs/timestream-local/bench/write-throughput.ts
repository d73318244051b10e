/**
 * Write benchmark: one SDK v3 client writing MULTI records (2 dimensions, 4 DOUBLE measures, 1,000 devices),
 * 100 records per WriteRecords call, to the server running as a separate process (the CLI) with a data directory;
 * records/s and the server's CPU time per record (from /proc/<pid>/stat). Next to it, the same rows appended
 * straight into a DuckDB file with its Appender (the ceiling), committed every 100 rows (one call's worth) and every
 * 10,000 rows (bulk).
 * Run: npx tsx libs/timestream-local/bench/write-throughput.ts [--records N] [--concurrency C]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, DuckDBTimestampNanosecondsValue } from '@duckdb/node-api';
import { CreateDatabaseCommand, CreateTableCommand, TimestreamWriteClient, WriteRecordsCommand, type WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECORDS = arg('--records', 300_000);
const CONCURRENCY = arg('--concurrency', 32);
const DEVICES = 1000;
const PER_CALL = 100;
const MEASURES = ['temperature', 'humidity', 'pressure', 'vibration'];
const CLK_TCK = 100;

function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

interface Row {
  device: string;
  location: string;
  timeMs: number;
  values: number[];
}

function rows(count: number, startMs: number): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < count; i++) {
    const d = i % DEVICES;
    out.push({
      device: `device-${String(d).padStart(4, '0')}`,
      location: `site-${d % 20}`,
      timeMs: startMs + Math.floor(i / DEVICES) * 1000,
      values: [20 + (i % 17) * 0.5, 40 + (i % 13), 1000 + (i % 7) * 0.25, (i % 11) * 0.01],
    });
  }
  return out;
}

function requests(all: Row[]): WriteRecordsCommandInput[] {
  const out: WriteRecordsCommandInput[] = [];
  for (let i = 0; i < all.length; i += PER_CALL) {
    out.push({
      DatabaseName: 'bench',
      TableName: 'readings',
      CommonAttributes: { MeasureName: 'readings', MeasureValueType: 'MULTI', TimeUnit: 'MILLISECONDS', Version: 1 },
      Records: all.slice(i, i + PER_CALL).map((r) => ({
        Dimensions: [
          { Name: 'device_id', Value: r.device },
          { Name: 'location', Value: r.location },
        ],
        Time: String(r.timeMs),
        MeasureValues: MEASURES.map((m, k) => ({ Name: m, Value: String(r.values[k]), Type: 'DOUBLE' as const })),
      })),
    });
  }
  return out;
}

async function startServer(dataDir: string): Promise<{ endpoint: string; pid: number; stop(): Promise<void> }> {
  const bin = path.join(__dirname, '..', 'bin', 'timestream-local.js');
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), bin, '--port', '0', ...(process.env.BENCH_IN_MEMORY ? [] : ['--data-dir', dataDir])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    endpoint,
    pid: child.pid as number,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function throughSdk(all: Row[]): Promise<{ seconds: number; cpuSeconds: number; clientCpuSeconds: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-bench-'));
  const server = await startServer(dataDir);
  try {
    const client = new TimestreamWriteClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
    await client.send(new CreateDatabaseCommand({ DatabaseName: 'bench' }));
    await client.send(new CreateTableCommand({ DatabaseName: 'bench', TableName: 'readings' }));
    const inputs = requests(all);
    // warm-up outside the measurement (first call builds the table's columns)
    await client.send(new WriteRecordsCommand(inputs[0]));
    const cpuBefore = cpuSecondsOf(server.pid);
    const clientCpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    let next = 1;
    const worker = async () => {
      while (next < inputs.length) {
        const input = inputs[next++];
        await client.send(new WriteRecordsCommand(input));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuSeconds = cpuSecondsOf(server.pid) - cpuBefore;
    const client_ = process.cpuUsage(clientCpu);
    client.destroy();
    return { seconds, cpuSeconds, clientCpuSeconds: (client_.user + client_.system) / 1e6 };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function throughAppender(all: Row[], flushEvery: number): Promise<{ seconds: number; cpuSeconds: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-bench-app-'));
  const instance = await DuckDBInstance.create(path.join(dataDir, 'appender.duckdb'));
  const connection = await instance.connect();
  await connection.run(
    'CREATE TABLE readings (version BIGINT, measure_name VARCHAR, time TIMESTAMP_NS, device_id VARCHAR, location VARCHAR, temperature DOUBLE, humidity DOUBLE, pressure DOUBLE, vibration DOUBLE)',
  );
  const appender = await connection.createAppender('readings');
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < all.length; i++) {
    const r = all[i];
    appender.appendBigInt(1n);
    appender.appendVarchar('readings');
    appender.appendTimestampNanoseconds(new DuckDBTimestampNanosecondsValue(BigInt(r.timeMs) * 1_000_000n));
    appender.appendVarchar(r.device);
    appender.appendVarchar(r.location);
    for (const v of r.values) appender.appendDouble(v);
    appender.endRow();
    if ((i + 1) % flushEvery === 0) appender.flushSync();
  }
  appender.closeSync();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  connection.closeSync();
  instance.closeSync();
  rmSync(dataDir, { recursive: true, force: true });
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function main(): Promise<void> {
  const all = rows(RECORDS, Date.now() - 60 * 60_000);
  console.log(`records: ${RECORDS}, ${PER_CALL} per call, ${DEVICES} devices, MULTI (2 dimensions, 4 DOUBLE), client concurrency ${CONCURRENCY}`);
  const sdk = await throughSdk(all);
  const measured = RECORDS - PER_CALL;
  const sdkRate = measured / sdk.seconds;
  const sdkCpuUs = (sdk.cpuSeconds / measured) * 1e6;
  console.log(`${'SDK client -> server (WriteRecords):'.padEnd(44)} ${sdkRate.toFixed(0)} records/s, server CPU ${sdkCpuUs.toFixed(2)} us/record, client CPU ${((sdk.clientCpuSeconds / measured) * 1e6).toFixed(2)} us/record (${sdk.seconds.toFixed(2)} s)`);
  for (const flushEvery of [PER_CALL, 10_000]) {
    const app = await throughAppender(all, flushEvery);
    const appRate = RECORDS / app.seconds;
    const appCpuUs = (app.cpuSeconds / RECORDS) * 1e6;
    const label = `DuckDB Appender, commit every ${flushEvery} rows:`.padEnd(44);
    console.log(`${label} ${appRate.toFixed(0)} records/s, CPU ${appCpuUs.toFixed(2)} us/record (${app.seconds.toFixed(2)} s); server/Appender CPU per record ${(sdkCpuUs / appCpuUs).toFixed(2)}x`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
