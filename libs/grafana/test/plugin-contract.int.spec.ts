import { CancelQueryCommand, QueryCommand } from '@aws-sdk/client-timestream-query';
import type { Panel, RowPanel, VariableModel } from '@grafana/schema';
import { createQueryOperations } from '@iot-timeseries/timestream-local';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { MEASURE_NAMES, timestreamSettings } from '@iot-timeseries/schema';
import { alertRules, DATASOURCE_UID, importableDashboard, localDatasource, type TimestreamQuery } from '../src';
import { expandMacros, interpolateVariables, queryLikePlugin, toFrames, type Field, type Frames, type MacroContext } from './support/plugin-replay';
import { backfillRollups, provisionRollups } from '@iot-timeseries/queries/testing';
import { DEVICES, DEVOPS, fleetReadings, writeDevOps, writeFleet, writePutAside } from './support/seed';

jest.setTimeout(120_000);

const dashboard = JSON.parse(JSON.stringify(importableDashboard())) as { panels: Array<Panel | RowPanel>; templating: { list: VariableModel[] } };
const panels = dashboard.panels.flatMap((p) => ('panels' in p && p.type === 'row' ? p.panels : [p as Panel]));
const targetsOf = (title: string) => (panels.find((p) => p.title === title)?.targets ?? []) as unknown as TimestreamQuery[];
const variableQuery = (name: string) => String(dashboard.templating.list.find((v) => v.name === name)?.query);
const datasource = localDatasource().datasources[0].jsonData;
const field = (frames: Frames, name: string, frame = 0): Field => {
  const f = frames.frames[frame]?.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name} in ${JSON.stringify(frames.frames[frame]?.fields.map((x) => x.name))}`);
  return f;
};

describe('the Grafana Timestream plugin contract, replayed against the local Timestream server', () => {
  let ts: TestTimestream;
  let now: number;
  const operations: string[] = [];

  beforeAll(async () => {
    // Every answer starts with an empty page and a NextToken, so every query goes through the paging loop.
    ts = await startTestTimestream({
      tables: [{ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 365 } }, DEVOPS],
      queryOperations: createQueryOperations({ firstPageWaitMs: 0 }),
      onRequest: (operation) => operations.push(operation ?? '?'),
    });
    now = Date.now();
    const writer = ts.writeClient();
    // the rollups as a deployment has them: their tables, the seed, the scheduled queries, run over the readings
    const rollups = await provisionRollups({ write: writer, query: ts.queryClient() }, { seedTimeMs: now - 3 * 3_600_000 });
    await writeFleet(writer, fleetReadings(now));
    await writePutAside(writer, now);
    await writeDevOps(writer, now);
    await backfillRollups(ts.queryClient(), rollups, now - 3 * 3_600_000, now);
  });
  afterAll(() => ts?.close());

  const macros = (query: Partial<TimestreamQuery>, intervalMs = 60_000, rangeMs = 3_600_000): MacroContext => ({
    fromMs: now - rangeMs,
    toMs: Date.now(),
    intervalMs,
    nowMs: Date.now(),
    query: { database: query.database, table: query.table, measure: query.measure },
    defaults: datasource,
  });
  /** What the plugin sends for a target: variables (frontend), then macros (backend), then pages. */
  const run = async (query: Partial<TimestreamQuery> & { rawQuery: string }, variables: Record<string, string | string[]> = {}, rangeMs?: number) => {
    const sql = expandMacros(interpolateVariables(query.rawQuery, variables), macros(query, 60_000, rangeMs));
    expect(sql).not.toMatch(/\$\{?\w/);
    const answer = await queryLikePlugin(() => ts.queryClient(), sql);
    expect(answer.pages.length).toBeGreaterThanOrEqual(2);
    const frames = toFrames(answer);
    expect(frames.notices).toEqual([]);
    return frames;
  };
  const values = (frames: Frames) => frames.frames[0].fields[0].values as string[];

  it('answers the health check: SELECT 1 with "1" in the first cell', async () => {
    const answer = await queryLikePlugin(() => ts.queryClient(), 'SELECT 1');
    expect(answer.rows[0]?.Data?.[0]?.ScalarValue).toBe('1');
  });

  it("answers the pickers: SHOW DATABASES, SHOW TABLES FROM \"db\", SHOW MEASURES FROM \"db\".\"tbl\" with the dimensions column", async () => {
    expect(values(await run({ rawQuery: 'SHOW DATABASES' }))).toEqual(expect.arrayContaining([timestreamSettings.databaseName, DEVOPS.DatabaseName]));
    expect(values(await run({ rawQuery: `SHOW TABLES FROM "${timestreamSettings.databaseName}"` }))).toEqual(['data-quality-1h', timestreamSettings.tableName, 'sensor-data-1h', 'sensor-data-1m', 'sensor-data-baseline-7d']);
    const measures = await run({ rawQuery: `SHOW MEASURES FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}"` });
    expect(measures.frames[0].fields.map((f) => [f.name, f.type])).toEqual([['measure_name', 'string'], ['data_type', 'string'], ['dimensions', 'json']]);
    // besides the readings, a deployment's table holds the put-aside markers and the schema seed (the panels read only sensor_reading)
    expect(field(measures, 'measure_name').values).toEqual(['put_aside', 'schema_seed', 'sensor_reading']);
    expect(field(measures, 'data_type').values).toEqual(['multi', 'multi', 'multi']);
    // The editor reads the third column's rows as JSON and keeps each dimension_name.
    const dims = field(measures, 'dimensions').values[0] as Array<{ dimension_name: string; data_type: string }>;
    expect(dims.map((d) => d.dimension_name).sort()).toEqual(['device_id', 'location']);
    const devops = await run({ rawQuery: 'SHOW MEASURES FROM $__database.$__table', database: `"${DEVOPS.DatabaseName}"`, table: `"${DEVOPS.TableName}"` });
    expect(Object.fromEntries(field(devops, 'measure_name').values.map((m, i) => [m, field(devops, 'data_type').values[i]]))).toEqual({ cpu_user: 'double', disk_io_reads: 'bigint', gc_pause: 'double', memory_used: 'double', task_end_state: 'varchar' });
  });

  it('answers the variable queries: locations, then the devices of the chosen locations (quotes inside values doubled)', async () => {
    const locations = values(await run({ rawQuery: variableQuery('location') }));
    expect(locations).toEqual([...new Set(DEVICES.map((d) => d.location))].sort());
    expect(values(await run({ rawQuery: variableQuery('device') }, { location: locations }))).toEqual(DEVICES.map((d) => d.deviceId).sort());
    expect(values(await run({ rawQuery: variableQuery('device') }, { location: ["hall 1 (o'neil)"] }))).toEqual(['press-01', 'press-02']);
  });

  describe('every panel, with All devices and with one location', () => {
    const all = () => ({ location: [...new Set(DEVICES.map((d) => d.location))], device: DEVICES.map((d) => d.deviceId), reading_interval_ms: '30000' });
    const hall = () => ({ ...all(), location: ["hall 1 (o'neil)"] });

    it.each(MEASURE_NAMES)('%s time series: long rows (time, labels, value) ordered by time, one series per device', async (measure) => {
      const [target] = targetsOf(panels.find((p) => p.type === 'timeseries' && p.title?.toLowerCase().startsWith(measure))?.title ?? '');
      for (const [variables, devices] of [[all(), 3], [hall(), 2]] as const) {
        const frames = await run(target, variables);
        expect(frames.frames).toHaveLength(1);
        expect(frames.frames[0].fields.map((f) => [f.name, f.type])).toEqual([['device_id', 'string'], ['location', 'string'], ['bin_time', 'time'], [measure, 'float64']]);
        const times = field(frames, 'bin_time').values as number[];
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(new Set(field(frames, 'device_id').values).size).toBe(devices);
        expect(times.every((t) => t % 60_000 === 0)).toBe(true);
      }
    });

    it('latest readings, anomalies, stale devices and completeness answer tables of the expected columns', async () => {
      const latest = await run(targetsOf('Latest readings')[0], all());
      expect(field(latest, 'device_id').values).toEqual(['press-01', 'press-02', 'pump-07']);
      expect(field(latest, 'time').type).toBe('time');
      for (const m of MEASURE_NAMES) expect(field(latest, m).type).toBe('float64');

      const anomalies = await Promise.all(targetsOf('Anomalies').map((t) => run(t, all())));
      expect(anomalies.map((a) => a.frames[0].fields.map((f) => f.name))).toEqual(MEASURE_NAMES.map(() => ['device_id', 'location', 'time', 'value', 'baseline_avg', 'baseline_stddev', 'z_score', 'measure']));
      expect(field(anomalies[0], 'device_id').values).toContain('press-01');
      expect(field(anomalies[0], 'measure').values).toEqual(expect.arrayContaining(['temperature']));
      expect(field(anomalies[0], 'value').values).toContain(95);

      const stale = await run(targetsOf('Stale devices')[0], all());
      expect(field(stale, 'device_id').values).toEqual(['pump-07']);
      expect(field(stale, 'silent_seconds')).toMatchObject({ type: 'int64' });
      expect(field(stale, 'silent_seconds').values[0]).toBeGreaterThanOrEqual(20 * 60 - 5);

      const completeness = await run(targetsOf('Completeness')[0], all());
      expect(field(completeness, 'device_id').values).toEqual(['press-01', 'press-02', 'pump-07']);
      const ratios = field(completeness, 'completeness').values as number[];
      expect(ratios[0]).toBeGreaterThan(0.95);
      expect(ratios[1]).toBeGreaterThan(0.95);
      expect(ratios[2]).toBeLessThan(0.8);
      expect(field((await run(targetsOf('Completeness')[0], hall())), 'device_id').values).toEqual(['press-01', 'press-02']);
    });
  });

  describe('the rollups row, over the last three hours', () => {
    const all = () => ({ location: [...new Set(DEVICES.map((d) => d.location))], device: DEVICES.map((d) => d.deviceId), reading_interval_ms: '30000' });
    const hours = 3 * 3_600_000;

    it.each(MEASURE_NAMES)('hourly %s: long rows (time, labels, value) on whole hours, one series per device', async (measure) => {
      const [target] = targetsOf(panels.find((p) => p.title?.startsWith(`Hourly ${measure} `))?.title ?? '');
      const frames = await run(target, all(), hours);
      expect(frames.frames[0].fields.map((f) => [f.name, f.type])).toEqual([['device_id', 'string'], ['location', 'string'], ['bin_time', 'time'], [measure, 'float64']]);
      const times = field(frames, 'bin_time').values as number[];
      expect(times.every((t) => t % 3_600_000 === 0)).toBe(true);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(field(frames, 'device_id').values).size).toBe(3);
    });

    it('data quality: a table per device, the silent device least complete, the put-aside readings counted', async () => {
      const frames = await run(targetsOf('Data quality (rollup)')[0], all(), hours);
      expect(frames.frames[0].fields.map((f) => f.name)).toEqual(['device_id', 'location', 'readings', 'minutes', 'minutes_with_readings', 'gaps', 'put_aside_invalid', 'put_aside_rejected', 'expected', 'completeness']);
      expect(field(frames, 'device_id').values).toEqual(['press-01', 'press-02', 'pump-07']);
      const completeness = field(frames, 'completeness').values as number[];
      expect(completeness[2]).toBeLessThan(completeness[0]);
      expect(field(frames, 'put_aside_invalid').values).toEqual([2, 0, 0]);
      expect(field(frames, 'readings')).toMatchObject({ type: 'int64' });
    });
  });

  it('answers every alert rule with wide series: one frame per device, labelled, of numbers', async () => {
    for (const rule of alertRules({ datasourceUid: DATASOURCE_UID, readingIntervalMs: 30_000 })) {
      const model = rule.data[0].model as unknown as TimestreamQuery;
      const frames = await run(model);
      for (const frame of frames.frames) {
        expect(frame.fields.map((f) => f.type)).toEqual(['time', expect.stringMatching(/^(float64|int64)$/)]);
        expect(Object.keys(frame.fields[1].labels ?? {}).sort()).toEqual(['device_id', 'location']);
      }
      const byDevice = Object.fromEntries(frames.frames.map((f) => [f.fields[1].labels?.device_id, f.fields[1].values as number[]]));
      if (rule.uid === 'iot-stale-devices') expect(Object.keys(byDevice)).toEqual(['pump-07']);
      if (rule.uid === 'iot-anomaly-temperature') expect(Math.max(...byDevice['press-01'].map(Math.abs))).toBeGreaterThan(3);
      if (rule.uid === 'iot-completeness') expect(byDevice['pump-07'][0]).toBeLessThan(0.8);
    }
  });

  it('takes the data source defaults for $__database and $__table when the query has none, or a variable', async () => {
    const frames = await run({ rawQuery: "SELECT count(*) AS n FROM $__database.$__table WHERE measure_name = '$__measure' AND $__timeFilter", database: '${db}', table: '' });
    expect(field(frames, 'n').values[0]).toBeGreaterThan(0);
  });

  it('answers the bare-number macros: $__timeFrom, $__timeTo, $__now_ms, $__interval_raw_ms', async () => {
    const frames = await run({
      rawQuery:
        'SELECT count(*) / (CAST($__interval_raw_ms AS double) / 1000) AS per_second, from_milliseconds($__now_ms) AS now_ms FROM $__database.$__table ' +
        'WHERE time >= from_milliseconds($__timeFrom) AND time <= from_milliseconds($__timeTo)',
    });
    expect(field(frames, 'per_second').values[0]).toBeGreaterThan(0);
    expect(field(frames, 'now_ms').type).toBe('time');
  });

  it('cancels a query by its id, and sends no DescribeEndpoints (a custom endpoint turns discovery off)', async () => {
    const client = ts.queryClient();
    const first = await client.send(new QueryCommand({ QueryString: `SELECT * FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}"` }));
    const cancelled = await client.send(new CancelQueryCommand({ QueryId: first.QueryId }));
    expect(cancelled.$metadata.httpStatusCode).toBe(200);
    expect(operations).not.toContain('DescribeEndpoints');
    expect(operations).toContain('CancelQuery');
  });

  describe("the plugin's sample dashboard shapes, on a DevOps table of single-measure records", () => {
    const devops = { database: `"${DEVOPS.DatabaseName}"`, table: `"${DEVOPS.TableName}"` };
    const where = "WHERE $__timeFilter AND measure_name = '$__measure'";
    const shapes: Array<[string, string, string, (f: Frames) => void]> = [
      ['CASE WHEN pivot over nested aggregates', 'cpu_user', `SELECT CASE WHEN microservice_name = 'apollo' THEN n ELSE NULL END AS apollo, CASE WHEN microservice_name = 'zeus' THEN n ELSE NULL END AS zeus FROM (SELECT microservice_name, SUM(n) AS n FROM (SELECT microservice_name, COUNT(DISTINCT instance_name) AS n FROM $__database.$__table ${where} GROUP BY region, cell, silo, availability_zone, microservice_name) GROUP BY microservice_name)`, (f) => expect(f.frames[0].fields.map((x) => x.type)).toEqual(['int64', 'int64'])],
      ['ROUND(COUNT(IF(..)) * 100 / CAST(COUNT(*) AS DOUBLE)) over approx_percentile', 'cpu_user', `SELECT ROUND(COUNT(IF(p90 > 50, 1, NULL)) * 100 / CAST(COUNT(*) AS DOUBLE)) AS high FROM (SELECT instance_name, approx_percentile(measure_value::double, 0.9) AS p90 FROM $__database.$__table ${where} GROUP BY instance_name)`, (f) => expect(field(f, 'high').type).toBe('float64')],
      ['CTEs, BIN(time, 5m), DENSE_RANK() OVER (PARTITION BY ..), INNER JOIN, STDDEV', 'gc_pause', `WITH per_host AS (SELECT silo, microservice_name, instance_name, BIN(time, 5m) AS bin5, MAX(measure_value::double) AS top FROM $__database.$__table WHERE $__timeFilter AND measure_name = 'memory_used' GROUP BY silo, microservice_name, instance_name, BIN(time, 5m)), ranked AS (SELECT silo, microservice_name, instance_name, DENSE_RANK() OVER (PARTITION BY silo ORDER BY APPROX_PERCENTILE(top, 0.95) DESC) AS rank FROM per_host GROUP BY silo, microservice_name, instance_name) SELECT t.silo, t.instance_name, MIN(measure_value::double) AS min_gc, ROUND(AVG(measure_value::double), 2) AS avg_gc, ROUND(STDDEV(measure_value::double), 2) AS sd_gc, ROUND(APPROX_PERCENTILE(measure_value::double, 0.9), 2) AS p90_gc FROM ranked r INNER JOIN $__database.$__table t ON r.silo = t.silo AND r.instance_name = t.instance_name ${where} AND rank = 1 GROUP BY t.silo, t.instance_name`, (f) => expect(f.frames[0].fields.map((x) => x.name)).toEqual(['silo', 'instance_name', 'min_gc', 'avg_gc', 'sd_gc', 'p90_gc'])],
      ['BIN(time, 1h), COUNT(DISTINCT ..), ROUND(APPROX_PERCENTILE ..), ORDER BY an alias DESC', 'memory_used', `SELECT region, microservice_name, BIN(time, 1h) AS hour, COUNT(DISTINCT instance_name) AS hosts, ROUND(AVG(measure_value::double), 2) AS avg_value, ROUND(APPROX_PERCENTILE(measure_value::double, 0.99), 2) AS p99 FROM $__database.$__table ${where} GROUP BY region, microservice_name, BIN(time, 1h) ORDER BY p99 DESC`, (f) => expect(field(f, 'hour').type).toBe('time')],
      ["AVG(CASE WHEN measure_name = '..' ..) pivots per BIN(time, 1m), measure_name IN (..)", 'cpu_user', `SELECT BIN(time, 1m) AS time_bin, AVG(CASE WHEN measure_name = 'cpu_user' THEN measure_value::double ELSE NULL END) AS cpu, AVG(CASE WHEN measure_name = 'memory_used' THEN measure_value::double ELSE NULL END) AS memory FROM $__database.$__table WHERE $__timeFilter AND measure_name IN ('cpu_user', 'memory_used') AND microservice_name = 'zeus' GROUP BY BIN(time, 1m) ORDER BY time_bin desc`, (f) => expect(field(f, 'time_bin').values.length).toBeGreaterThan(10)],
      ['HAVING approx_percentile(..) < 20 in a counted subquery', 'cpu_user', `SELECT COUNT(*) AS low FROM (SELECT region, cell, silo, instance_name FROM $__database.$__table ${where} GROUP BY region, cell, silo, instance_name HAVING approx_percentile(measure_value::double, 0.9) < 20)`, (f) => expect(field(f, 'low').type).toBe('int64')],
      ['measure_value::varchar grouped, ORDER BY 2 DESC', 'task_end_state', `SELECT measure_value::varchar AS state, COUNT(*) AS tasks FROM $__database.$__table ${where} GROUP BY measure_value::varchar ORDER BY 2 DESC`, (f) => expect(field(f, 'state').values[0]).toBe('SUCCESS')],
      ['CREATE_TIME_SERIES(time, measure_value::double) … ORDER BY AVG(..) DESC LIMIT 3', 'gc_pause', `SELECT silo, microservice_name, instance_name, CREATE_TIME_SERIES(time, measure_value::double) AS gc_pause FROM $__database.$__table ${where} GROUP BY silo, microservice_name, instance_name ORDER BY AVG(measure_value::double) DESC LIMIT 3`, (f) => expect(f.frames.map((x) => Object.keys(x.fields[1].labels ?? {}).sort())).toEqual([0, 1, 2].map(() => ['instance_name', 'microservice_name', 'silo']))],
      ['BIN(time, $__interval_ms) with measure_value::bigint', 'disk_io_reads', `SELECT BIN(time, $__interval_ms) AS time_bin, ROUND(AVG(measure_value::bigint), 2) AS avg_value, ROUND(APPROX_PERCENTILE(measure_value::double, 0.9), 2) AS p90_value FROM $__database.$__table ${where} AND instance_name = 'i-zeus-0002' GROUP BY BIN(time, $__interval_ms) ORDER BY time_bin desc`, (f) => expect(field(f, 'avg_value').values.length).toBeGreaterThan(10)],
      ['approx_distinct(a || b) per dimension group, names from textbox variables', 'cpu_user', `SELECT region, cell, approx_distinct(microservice_name || instance_name) AS instances FROM \${dbName}.\${tableName} WHERE $__timeFilter AND measure_name = 'cpu_user' GROUP BY region, cell ORDER BY region, cell`, (f) => expect(field(f, 'instances').values).toEqual([6])],
    ];
    it.each(shapes)('%s', async (_shape, measure, rawQuery, check) => {
      const frames = await run({ ...devops, measure, rawQuery }, { dbName: devops.database, tableName: devops.table });
      check(frames);
    });
  });
});
