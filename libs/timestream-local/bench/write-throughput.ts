/**
 * Write benchmark: one SDK v3 client writing MULTI records (2 dimensions, 4 DOUBLE measures, 1,000 devices),
 * 100 records per WriteRecords call, to the server running as a separate process (the CLI) with a data directory;
 * records/s and the server's CPU time per record (from /proc/<pid>/stat). Next to it, the same rows appended
 * straight into a DuckDB file with its Appender (the ceiling): row by row, committed every 100 rows (one call's
 * worth) and every 10,000 rows (bulk), and fed whole data chunks (the path the server's storage uses), bulk.
 * Run: npx tsx libs/timestream-local/bench/write-throughput.ts [--records N] [--concurrency C] [--warmup W] [--runs R]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { throughAppender, type AppendMode, type Row } from './appender-ceiling';
import { cpuSecondsOf, startServer } from './server-process';
import { CreateDatabaseCommand, CreateTableCommand, TimestreamWriteClient, WriteRecordsCommand, type WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECORDS = arg('--records', 300_000);
const CONCURRENCY = arg('--concurrency', 32);
const WARMUP = arg('--warmup', 20_000);
const RUNS = arg('--runs', 3);
const DEVICES = 1000;
const PER_CALL = 100;
const MEASURES = ['temperature', 'humidity', 'pressure', 'vibration'];

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

async function sendAll(client: TimestreamWriteClient, inputs: WriteRecordsCommandInput[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const input = inputs[next++];
      await client.send(new WriteRecordsCommand(input));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function throughSdk(all: Row[], warmup: Row[]): Promise<{ seconds: number; cpuSeconds: number; clientCpuSeconds: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-bench-'));
  const server = await startServer(dataDir, { inMemory: Boolean(process.env.BENCH_IN_MEMORY) });
  try {
    const client = new TimestreamWriteClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
    await client.send(new CreateDatabaseCommand({ DatabaseName: 'bench' }));
    await client.send(new CreateTableCommand({ DatabaseName: 'bench', TableName: 'readings' }));
    // warm-up outside the measurement, with earlier rows: builds the table's columns, lets both sides' JIT settle
    await sendAll(client, requests(warmup));
    const inputs = requests(all);
    const cpuBefore = cpuSecondsOf(server.pid);
    const clientCpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await sendAll(client, inputs);
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

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[], digits: number): string => (xs.length > 1 ? ` [${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}]` : '');

async function main(): Promise<void> {
  const now = Date.now();
  const all = rows(RECORDS, now - 60 * 60_000);
  const warmup = rows(WARMUP, now - 120 * 60_000);
  console.log(
    `records: ${RECORDS} measured after ${WARMUP} warm-up, ${PER_CALL} per call, ${DEVICES} devices, MULTI (2 dimensions, 4 DOUBLE), client concurrency ${CONCURRENCY}; median of ${RUNS} runs [min-max]`,
  );
  const sdkRate: number[] = [];
  const sdkCpu: number[] = [];
  const clientCpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const sdk = await throughSdk(all, warmup);
    sdkRate.push(RECORDS / sdk.seconds);
    sdkCpu.push((sdk.cpuSeconds / RECORDS) * 1e6);
    clientCpu.push((sdk.clientCpuSeconds / RECORDS) * 1e6);
  }
  const serverUs = median(sdkCpu);
  console.log(
    `${'SDK client -> server (WriteRecords):'.padEnd(56)} ${median(sdkRate).toFixed(0)}${spread(sdkRate, 0)} records/s, server CPU ${serverUs.toFixed(2)}${spread(sdkCpu, 2)} us/record, client CPU ${median(clientCpu).toFixed(2)} us/record`,
  );
  const ceilings: Array<[AppendMode, number]> = [
    ['rows', PER_CALL],
    ['rows', 10_000],
    ['chunks', 10_000],
  ];
  for (const [mode, flushEvery] of ceilings) {
    const rate: number[] = [];
    const cpu: number[] = [];
    await throughAppender(warmup, flushEvery, mode); // warm-up
    for (let run = 0; run < RUNS; run++) {
      const app = await throughAppender(all, flushEvery, mode);
      rate.push(RECORDS / app.seconds);
      cpu.push((app.cpuSeconds / RECORDS) * 1e6);
    }
    const label = `DuckDB Appender${mode === 'chunks' ? ' (data chunks)' : ''}, commit every ${flushEvery} rows:`.padEnd(56);
    console.log(`${label} ${median(rate).toFixed(0)}${spread(rate, 0)} records/s, CPU ${median(cpu).toFixed(2)}${spread(cpu, 2)} us/record; server/Appender CPU per record ${(serverUs / median(cpu)).toFixed(2)}x`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
