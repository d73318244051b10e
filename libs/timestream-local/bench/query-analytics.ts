/**
 * Query-engine benchmark: 10 million measure values (1,000 devices x 4 measures x 2,500 timestamps, multi-measure
 * records) in DuckDB; three analytics written in the Timestream dialect and run through the engine (parse, translate,
 * type, run, encode the response rows), next to the same analytics written by hand in DuckDB SQL (the ceiling).
 * Median of 20 runs each, the two sides alternating. Run: npx tsx libs/timestream-local/bench/query-analytics.ts
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { CatalogColumn, QueryStorage } from '../src/query/catalog';
import { QueryService } from '../src/query/query-service';

const DEVICES = 1000;
const TIMESTAMPS = 2500;
const STEP_S = 35;
const RUNS = 20;
const NOW = new Date('2026-03-01T12:00:00.000Z');

const nowLiteral = `TIMESTAMP_NS '${NOW.toISOString().slice(0, 10)} ${NOW.toISOString().slice(11, 23)}'`;

const ANALYTICS: Array<{ name: string; timestream: string; duckdb: string }> = [
  {
    name: 'latest reading per device',
    timestream: `SELECT device_id, max_by(temperature, time) AS temperature, max_by(humidity, time) AS humidity, max(time) AS time
      FROM "bench"."readings" WHERE time > ago(1d) GROUP BY device_id ORDER BY device_id`,
    duckdb: `SELECT device_id, arg_max(temperature, time) AS temperature, arg_max(humidity, time) AS humidity, max(time) AS time
      FROM readings WHERE time > ${nowLiteral} - INTERVAL 1 DAY GROUP BY device_id ORDER BY device_id`,
  },
  {
    name: '10-minute bins over a day',
    timestream: `SELECT bin(time, 10m) AS t, avg(temperature) AS temperature, avg(humidity) AS humidity, max(vibration) AS vibration
      FROM "bench"."readings" WHERE time > ago(1d) GROUP BY bin(time, 10m) ORDER BY t`,
    duckdb: `SELECT time_bucket(INTERVAL 10 MINUTE, time, TIMESTAMP '1970-01-01') AS t, avg(temperature), avg(humidity), max(vibration)
      FROM readings WHERE time > ${nowLiteral} - INTERVAL 1 DAY GROUP BY t ORDER BY t`,
  },
  {
    name: 'z-score anomalies (last hour vs day)',
    timestream: `WITH stats AS (
        SELECT device_id, avg(temperature) AS mu, stddev(temperature) AS sigma FROM "bench"."readings" WHERE time > ago(1d) GROUP BY device_id)
      SELECT r.device_id, r.time, r.temperature, (r.temperature - s.mu) / s.sigma AS z
      FROM "bench"."readings" r JOIN stats s ON r.device_id = s.device_id
      WHERE r.time > ago(1h) AND abs((r.temperature - s.mu) / s.sigma) > 2.5 ORDER BY z DESC LIMIT 100`,
    duckdb: `WITH stats AS (
        SELECT device_id, avg(temperature) AS mu, stddev_samp(temperature) AS sigma FROM readings WHERE time > ${nowLiteral} - INTERVAL 1 DAY GROUP BY device_id)
      SELECT r.device_id, r.time, r.temperature, (r.temperature - s.mu) / s.sigma AS z
      FROM readings r JOIN stats s ON r.device_id = s.device_id
      WHERE r.time > ${nowLiteral} - INTERVAL 1 HOUR AND abs((r.temperature - s.mu) / s.sigma) > 2.5 ORDER BY z DESC LIMIT 100`,
  },
];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const elapsed = async (run: () => Promise<unknown>): Promise<number> => {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

/** Runs both sides alternately (2 warm-ups each, then RUNS timed), so load from other processes hits both alike. */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number[], number[]]> {
  for (let i = 0; i < 2; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      ta.push(await elapsed(a));
      tb.push(await elapsed(b));
    } else {
      tb.push(await elapsed(b));
      ta.push(await elapsed(a));
    }
  }
  return [ta, tb];
}

async function main(): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const startNs = BigInt(NOW.getTime()) * 1_000_000n - BigInt(TIMESTAMPS * STEP_S) * 1_000_000_000n;
  const loadStart = Date.now();
  await connection.run(`CREATE TABLE readings AS
    SELECT 'device-' || lpad(CAST(d AS VARCHAR), 4, '0') AS device_id, 'site-' || CAST(d % 10 AS VARCHAR) AS location,
      'metrics' AS measure_name, make_timestamp_ns(${startNs} + k * ${STEP_S}000000000) AS time,
      20 + 5 * sin(k / 50.0 + d) + (hash(d, k) % 1000) / 500.0 + CASE WHEN hash(k, d) % 499 = 0 THEN 12 ELSE 0 END AS temperature,
      50 + 10 * cos(k / 80.0 + d) AS humidity, 1000 + (hash(k, d) % 100) / 10.0 AS pressure, abs(sin(k * d)) AS vibration
    FROM range(${DEVICES}) AS a(d), range(${TIMESTAMPS}) AS b(k) ORDER BY time, device_id`);
  const [[rowCount]] = (await connection.runAndReadAll('SELECT count(*) FROM readings')).getRowsJS();
  console.log(`loaded ${rowCount} rows x 4 measures = ${Number(rowCount) * 4} measure values in ${Date.now() - loadStart} ms`);

  const columns: CatalogColumn[] = [
    { name: 'device_id', type: 'VARCHAR', kind: 'DIMENSION' },
    { name: 'location', type: 'VARCHAR', kind: 'DIMENSION' },
    { name: 'measure_name', type: 'VARCHAR', kind: 'MEASURE_NAME' },
    { name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' },
    ...['temperature', 'humidity', 'pressure', 'vibration'].map((name): CatalogColumn => ({ name, type: 'DOUBLE', kind: 'MULTI' })),
  ];
  // shaped like the storage layer's relations: renamed columns and a retention filter (30 days)
  const cutoffNs = BigInt(NOW.getTime() - 30 * 86_400_000) * 1_000_000n;
  const relationSql = `(SELECT ${columns.map((c) => `"${c.name}" AS "${c.name}"`).join(', ')} FROM readings WHERE "time" >= make_timestamp_ns(${cutoffNs}))`;
  const storage: QueryStorage = {
    listDatabases: async () => ['bench'],
    listTables: async () => ['readings'],
    databaseExists: async (db) => db === 'bench',
    getTable: async (db, table) =>
      db === 'bench' && table === 'readings'
        ? { databaseName: db, tableName: table, arn: 'arn:aws:timestream:us-east-1:000000000000:database/bench/table/readings', columns, relationSql, measures: [] }
        : undefined,
    runQuery: async (sql) => {
      const reader = await connection.runAndReadAll(sql);
      return { columns: reader.columnNames().map((name, i) => ({ name, duckType: reader.columnTypes()[i].toString() })), rows: reader.getRowsJS() as unknown[][] };
    },
  };
  const service = new QueryService(storage);

  console.log(`\n| analytic | engine median (ms) | hand-written DuckDB median (ms) | ratio | rows |`);
  console.log(`|---|---|---|---|---|`);
  for (const analytic of ANALYTICS) {
    let rows = 0;
    const [engine, hand] = await timePair(
      async () => {
        const response = await service.query({ QueryString: analytic.timestream }, NOW);
        rows = response.Rows?.length ?? 0;
      },
      async () => (await connection.runAndReadAll(analytic.duckdb)).getRowsJS(),
    );
    const e = median(engine);
    const h = median(hand);
    console.log(`| ${analytic.name} | ${e.toFixed(1)} | ${h.toFixed(1)} | ${(e / h).toFixed(2)}x | ${rows} |`);
  }
  connection.closeSync();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
