/**
 * The candidates for knowing a table's stored records without holding them all in memory, measured on a DuckDB
 * file shaped like the server's tables (time-ordered MULTI rows: 2 dimensions, 4 DOUBLEs):
 * - art: a 64-bit record key column with a PRIMARY KEY (DuckDB's ART index), probed by key;
 * - time: no index: the records of a batch found by their times (`time IN (...)`, zone maps skip the row
 *   groups outside the batch's time range), their identity compared in JavaScript.
 * For each, the append rate (data chunks, a commit every 10,000 rows), then in a fresh process (a restart): RSS
 * after opening, the first lookup of 100 keys among the newest and among the oldest records, RSS after.
 * Run: npx tsx libs/timestream-local/bench/index-candidates.ts [--sizes 1000000,10000000] [--variants time,art]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BIGINT, DOUBLE, DuckDBDataChunk, DuckDBInstance, DuckDBTimestampNanosecondsValue, TIMESTAMP_NS, VARCHAR, type DuckDBBigIntVector, type DuckDBDoubleVector, type DuckDBTimestampNanosecondsVector, type DuckDBVarCharVector } from '@duckdb/node-api';
import { rssOf } from './server-process';

type Variant = 'art' | 'time';
const DEVICES = 5000;
const T0 = Date.UTC(2026, 0, 1);
const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** a well-mixed 63-bit key of record n (what a record fingerprint would be) */
function keyOf(n: number): bigint {
  let h = BigInt(n) * 0x9e3779b97f4a7c15n;
  h ^= h >> 29n;
  h = (h * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  return (h ^ (h >> 32n)) & 0x7fffffffffffffffn;
}
const timeOf = (n: number): number => T0 + Math.floor(n / DEVICES) * 1000;

async function fill(file: string, variant: Variant, size: number): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  const key = variant === 'art' ? '__key BIGINT PRIMARY KEY, ' : '';
  await connection.run(`CREATE TABLE t (${key}__version BIGINT, measure_name VARCHAR, time TIMESTAMP_NS, d0 VARCHAR, d1 VARCHAR, m0 DOUBLE, m1 DOUBLE, m2 DOUBLE, m3 DOUBLE)`);
  const appender = await connection.createAppender('t');
  const types = [...(variant === 'art' ? [BIGINT] : []), BIGINT, VARCHAR, TIMESTAMP_NS, VARCHAR, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE];
  const started = performance.now();
  for (let from = 0; from < size; from += 10_000) {
    await connection.run('BEGIN TRANSACTION');
    for (let start = from; start < Math.min(size, from + 10_000); start += 2048) {
      const count = Math.min(2048, size - start, from + 10_000 - start);
      const chunk = DuckDBDataChunk.create(types, count);
      const v = types.map((_, i) => chunk.getColumnVector(i));
      const o = variant === 'art' ? 1 : 0;
      for (let k = 0; k < count; k++) {
        const n = start + k;
        if (o) (v[0] as DuckDBBigIntVector).setItem(k, keyOf(n));
        (v[o] as DuckDBBigIntVector).setItem(k, 1n);
        (v[o + 1] as DuckDBVarCharVector).setItem(k, 'readings');
        (v[o + 2] as DuckDBTimestampNanosecondsVector).setItem(k, new DuckDBTimestampNanosecondsValue(BigInt(timeOf(n)) * 1_000_000n));
        (v[o + 3] as DuckDBVarCharVector).setItem(k, `device-${n % DEVICES}`);
        (v[o + 4] as DuckDBVarCharVector).setItem(k, `site-${n % 50}`);
        for (let m = 0; m < 4; m++) (v[o + 5 + m] as DuckDBDoubleVector).setItem(k, (n % 97) * 0.5 + m);
      }
      for (const vector of v) vector.flush();
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    await connection.run('COMMIT');
  }
  appender.closeSync();
  const seconds = (performance.now() - started) / 1000;
  await connection.run('CHECKPOINT');
  connection.closeSync();
  instance.closeSync();
  console.log(JSON.stringify({ phase: 'fill', variant, size, rate: Math.round(size / seconds), seconds: Math.round(seconds) }));
}

/** A fresh process (a restart): RSS on opening, then the first lookups of 100 records among the newest and the oldest. */
async function probe(file: string, variant: Variant, size: number): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  const opened = rssOf(process.pid).rssMb;
  const lookup = async (first: number): Promise<{ ms: number; found: number }> => {
    const ns = Array.from({ length: 100 }, (_, i) => first + i);
    const started = performance.now();
    let sql: string;
    if (variant === 'art') sql = `SELECT __key, __version, m0 FROM t WHERE __key IN (${ns.map((n) => keyOf(n)).join(', ')})`;
    else {
      const times = [...new Set(ns.map(timeOf))];
      const lo = Math.min(...times);
      const hi = Math.max(...times);
      sql = `SELECT __version, measure_name, time, d0, d1, m0 FROM t WHERE time >= make_timestamp_ns(${lo}000000) AND time <= make_timestamp_ns(${hi}000000) AND time IN (${times.map((ms) => `make_timestamp_ns(${ms}000000)`).join(', ')})`;
    }
    const reader = await connection.runAndReadAll(sql);
    const rows = reader.getRowsJS();
    const wanted = new Set(ns.map((n) => `device-${n % DEVICES}`));
    const found = variant === 'art' ? rows.length : rows.filter((r) => wanted.has(String(r[3]))).length;
    return { ms: performance.now() - started, found };
  };
  const newest = await lookup(size - 100);
  const oldest = await lookup(0);
  const again = await lookup(Math.floor(size / 2));
  console.log(JSON.stringify({ phase: 'probe', variant, size, rssOpenMb: Math.round(opened), newest, oldest, middle: again, rssAfterMb: Math.round(rssOf(process.pid).rssMb) }));
  connection.closeSync();
  instance.closeSync();
}

async function main(): Promise<void> {
  const [mode, file, variant, size] = process.argv.slice(2);
  if (mode === 'fill') return fill(file, variant as Variant, Number(size));
  if (mode === 'probe') return probe(file, variant as Variant, Number(size));
  const sizes = (option('--sizes') ?? '1000000,10000000').split(',').map(Number);
  const variants = (option('--variants') ?? 'time,art').split(',') as Variant[];
  const dir = mkdtempSync(path.join(process.cwd(), 'tmp', 'tsl-candidates-'));
  try {
    for (const variant of variants) {
      for (const n of sizes) {
        const file = path.join(dir, `${variant}-${n}.duckdb`);
        for (const step of ['fill', 'probe']) execFileSync(process.execPath, [...process.execArgv, __filename, step, file, variant, String(n)], { stdio: 'inherit' });
        rmSync(file, { force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
