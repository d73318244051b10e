/** The ceiling of the write benchmark: the same rows appended straight into a DuckDB file with its Appender. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BIGINT,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTimestampNanosecondsValue,
  TIMESTAMP_NS,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBBigIntVector,
  type DuckDBDoubleVector,
  type DuckDBTimestampNanosecondsVector,
  type DuckDBVarCharVector,
} from '@duckdb/node-api';

export interface Row {
  device: string;
  location: string;
  timeMs: number;
  values: number[];
}

/** rows: one Appender call per value; chunks: DuckDB data chunks of up to 2,048 rows, one call per chunk */
export type AppendMode = 'rows' | 'chunks';

const TYPES = [BIGINT, VARCHAR, TIMESTAMP_NS, VARCHAR, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE];

function appendRows(appender: DuckDBAppender, all: Row[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const r = all[i];
    appender.appendBigInt(1n);
    appender.appendVarchar('readings');
    appender.appendTimestampNanoseconds(new DuckDBTimestampNanosecondsValue(BigInt(r.timeMs) * 1_000_000n));
    appender.appendVarchar(r.device);
    appender.appendVarchar(r.location);
    for (const v of r.values) appender.appendDouble(v);
    appender.endRow();
  }
}

function appendChunks(appender: DuckDBAppender, all: Row[], from: number, to: number): void {
  for (let start = from; start < to; start += 2048) {
    const count = Math.min(2048, to - start);
    const chunk = DuckDBDataChunk.create(TYPES, count);
    const version = chunk.getColumnVector(0) as DuckDBBigIntVector;
    const name = chunk.getColumnVector(1) as DuckDBVarCharVector;
    const time = chunk.getColumnVector(2) as DuckDBTimestampNanosecondsVector;
    const device = chunk.getColumnVector(3) as DuckDBVarCharVector;
    const location = chunk.getColumnVector(4) as DuckDBVarCharVector;
    const measures = [5, 6, 7, 8].map((i) => chunk.getColumnVector(i) as DuckDBDoubleVector);
    for (let k = 0; k < count; k++) {
      const r = all[start + k];
      version.setItem(k, 1n);
      name.setItem(k, 'readings');
      time.setItem(k, new DuckDBTimestampNanosecondsValue(BigInt(r.timeMs) * 1_000_000n));
      device.setItem(k, r.device);
      location.setItem(k, r.location);
      for (let m = 0; m < 4; m++) measures[m].setItem(k, r.values[m]);
    }
    for (const vector of [version, name, time, device, location, ...measures]) vector.flush();
    appender.appendDataChunk(chunk);
  }
}

/** Appends `all` committing every `flushEvery` rows; the process CPU time it took. */
export async function throughAppender(all: Row[], flushEvery: number, mode: AppendMode): Promise<{ seconds: number; cpuSeconds: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-bench-app-'));
  const instance = await DuckDBInstance.create(path.join(dataDir, 'appender.duckdb'));
  const connection = await instance.connect();
  await connection.run(
    'CREATE TABLE readings (version BIGINT, measure_name VARCHAR, time TIMESTAMP_NS, device_id VARCHAR, location VARCHAR, temperature DOUBLE, humidity DOUBLE, pressure DOUBLE, vibration DOUBLE)',
  );
  const appender = await connection.createAppender('readings');
  const append = mode === 'rows' ? appendRows : appendChunks;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let from = 0; from < all.length; from += flushEvery) {
    append(appender, all, from, Math.min(all.length, from + flushEvery));
    appender.flushSync();
  }
  appender.closeSync();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  connection.closeSync();
  instance.closeSync();
  rmSync(dataDir, { recursive: true, force: true });
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}
