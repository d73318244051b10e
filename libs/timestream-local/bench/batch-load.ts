/**
 * Batch-load benchmark: FILES CSV files of ROWS rows in all (DEVICES devices, one MULTI record of 3 measures per row,
 * all within the last hour) under a data directory's `s3/` folder, loaded by one CreateBatchLoadTask through the SDK
 * over HTTP. Prints the rows, the bytes of CSV, the task's wall time (Create to SUCCEEDED), rows per second, and the
 * process's RSS before the load and at its peak while loading (sampled every 50 ms): the files are streamed, so
 * the peak should not grow with the file size.
 * Run: npx tsx libs/timestream-local/bench/batch-load.ts [--rows N] [--files F] [--devices D]
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBatchLoadTaskCommand, DescribeBatchLoadTaskCommand } from '@aws-sdk/client-timestream-write';
import { startTestTimestream } from '../src/testing';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('--rows', 300_000);
const FILES = arg('--files', 3);
const DEVICES = arg('--devices', 1000);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

async function writeFile(file: string, from: number, count: number, start: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('device_id,time_ms,temperature,humidity,vibration\n');
  let chunk = '';
  for (let i = from; i < from + count; i++) {
    chunk += `dev-${i % DEVICES},${start + Math.floor(i / DEVICES) * 10},${20 + (i % 17) / 4},${40 + (i % 23)},${(i % 7) / 100}\n`;
    if (chunk.length > 65_536) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-batch-load-'));
  const folder = path.join(dataDir, 's3', 'exports', 'bench');
  mkdirSync(folder, { recursive: true });
  mkdirSync(path.join(dataDir, 's3', 'reports'), { recursive: true });
  const start = Date.now() - 3_000_000;
  let bytes = 0;
  const per = Math.ceil(ROWS / FILES);
  for (let f = 0; f < FILES; f++) {
    const file = path.join(folder, `part-${f}.csv`);
    await writeFile(file, f * per, Math.min(per, ROWS - f * per), start);
    bytes += statSync(file).size;
  }
  const ts = await startTestTimestream({ dataDir, tables: [{ DatabaseName: 'iot', TableName: 'copy' }] });
  const write = ts.writeClient();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const { TaskId } = await write.send(
    new CreateBatchLoadTaskCommand({
      TargetDatabaseName: 'iot',
      TargetTableName: 'copy',
      DataSourceConfiguration: { DataSourceS3Configuration: { BucketName: 'exports', ObjectKeyPrefix: 'bench/' }, DataFormat: 'CSV' },
      DataModelConfiguration: {
        DataModel: {
          TimeColumn: 'time_ms',
          DimensionMappings: [{ SourceColumn: 'device_id' }],
          MultiMeasureMappings: { TargetMultiMeasureName: 'readings', MultiMeasureAttributeMappings: ['temperature', 'humidity', 'vibration'].map((c) => ({ SourceColumn: c, MeasureValueType: 'DOUBLE' as const })) },
        },
      },
      ReportConfiguration: { ReportS3Configuration: { BucketName: 'reports' } },
    }),
  );
  let task;
  for (;;) {
    task = (await write.send(new DescribeBatchLoadTaskCommand({ TaskId }))).BatchLoadTaskDescription;
    if (task?.TaskStatus === 'SUCCEEDED' || task?.TaskStatus === 'FAILED') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const p = task?.ProgressReport ?? {};
  console.log(`batch load: ${ROWS} rows in ${FILES} files (${mb(bytes)} of CSV), ${DEVICES} devices`);
  console.log(`status ${task?.TaskStatus}: ${p.RecordsIngested} records ingested, ${(p.ParseFailures ?? 0) + (p.RecordIngestionFailures ?? 0)} failed`);
  console.log(`wall time ${seconds.toFixed(1)} s: ${Math.round(ROWS / seconds)} rows/s, ${mb(bytes / seconds)}/s`);
  console.log(`RSS before the load ${mb(rssBefore)}, peak while loading ${mb(peak)}`);
  await ts.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
