import { DuckDbStorage } from '../../src/storage/duckdb-storage';
import type { RecordToStore, StoreResult } from '../../src/storage/write-types';

/**
 * The write path with a tiny in-memory index (1,000 records): most stored records are known only to the table, so
 * every version check below goes through a DuckDB lookup, as it does for old records of a large table.
 */
const T0 = Date.UTC(2026, 0, 1);
const DEVICES = 50;

function record(n: number, options: { value?: number; version?: number; dims?: Array<{ name: string; value: string }>; ns?: number } = {}): RecordToStore {
  const timeMs = T0 + Math.floor(n / DEVICES) * 1000;
  const ns = options.ns ?? 0;
  return {
    index: 0,
    dimensions: options.dims ?? [
      { name: 'device_id', value: `device-${n % DEVICES}` },
      { name: 'site', value: 'hall' },
    ],
    measureName: 'readings',
    kind: 'MULTI',
    values: [{ name: 'temperature', type: 'DOUBLE', value: options.value ?? n }],
    timeNs: BigInt(timeMs) * 1_000_000n + BigInt(ns),
    timeMs,
    nsOfMs: ns,
    version: options.version ?? 1,
    store: 'MAGNETIC',
  };
}

const statuses = (results: StoreResult[]): string[] => results.map((r) => (r.status === 'REJECTED' ? `${r.problem.kind}${'existingVersion' in r.problem ? ` ${r.problem.existingVersion}` : ''}` : r.status));

describe('the write path with a bounded index', () => {
  let storage: DuckDbStorage;
  const write = (records: RecordToStore[]) => storage.writeRecords('db', 't', records);
  const rowCount = async (): Promise<bigint> => {
    const meta = await storage.getTable('db', 't');
    return (await storage.runQuery(`SELECT count(*) FROM ${meta?.relationSql}`)).rows[0][0] as bigint;
  };

  beforeAll(async () => {
    storage = await DuckDbStorage.open({ indexedRecords: 1000, now: () => T0 + 86_400_000 });
    await storage.createDatabase({ name: 'db', arn: 'arn:db', kmsKeyId: 'k', creationTime: 0, lastUpdatedTime: 0 }, []);
    await storage.createTable({ databaseName: 'db', name: 't', arn: 'arn:t', creationTime: 0, lastUpdatedTime: 0, settings: { memoryStoreRetentionHours: 24, magneticStoreRetentionDays: 365, enableMagneticStoreWrites: true } }, []);
    // 10,000 records in time order, 100 per call: ten times what the index holds
    for (let n = 0; n < 10_000; n += 100) expect(statuses(await write(Array.from({ length: 100 }, (_, k) => record(n + k))))).toEqual(Array(100).fill('STORED'));
  });
  afterAll(() => storage.close());

  it('knows records the index has forgotten: identical rewrites, other values, lower and higher versions', async () => {
    const oldest = [0, 1, 2, 3];
    expect(statuses(await write(oldest.map((n) => record(n))))).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    expect(statuses(await write(oldest.map((n) => record(n, { value: -1 }))))).toEqual(['VERSION_SAME 1', 'VERSION_SAME 1', 'VERSION_SAME 1', 'VERSION_SAME 1']);
    expect(statuses(await write([record(0, { value: -1, version: 3 })]))).toEqual(['STORED']);
    expect(statuses(await write([record(0, { value: -2, version: 2 }), record(0, { value: -1, version: 3 })]))).toEqual(['VERSION_LOWER 3', 'UNCHANGED']);
    expect(await rowCount()).toBe(10_000n);
    const meta = await storage.getTable('db', 't');
    const updated = await storage.runQuery(`SELECT temperature FROM ${meta?.relationSql} WHERE device_id = 'device-0' AND time = make_timestamp_ns(${BigInt(T0) * 1_000_000n})`);
    expect(updated.rows).toEqual([[-1]]);
  });

  it('tells apart records at one time that differ in their dimensions or by nanoseconds', async () => {
    const first = record(20);
    const fewerDims = record(20, { dims: [{ name: 'device_id', value: 'device-20' }] });
    const otherDim = record(20, { dims: [...first.dimensions, { name: 'line', value: 'l1' }] });
    const laterNs = record(20, { ns: 1 });
    expect(statuses(await write([fewerDims, otherDim, laterNs, record(20, { value: 1e9 })]))).toEqual(['STORED', 'STORED', 'STORED', 'VERSION_SAME 1']);
    expect(statuses(await write([fewerDims, otherDim, laterNs]))).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    expect(await rowCount()).toBe(10_003n);
  });

  it('finds what it forgot among many calls of a group (some repeating a record, some new)', async () => {
    const calls = Array.from({ length: 8 }, (_, c) => [record(100 + c), record(100 + c, { value: -5 }), record(9_990 + c), record(20_000 + c)]);
    const results = await Promise.all(calls.map((records) => write(records)));
    for (const r of results) expect(statuses(r)).toEqual(['UNCHANGED', 'VERSION_SAME 1', 'UNCHANGED', 'STORED']);
    expect(await rowCount()).toBe(10_011n);
  });
});
