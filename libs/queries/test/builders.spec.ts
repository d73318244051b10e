import { rollupSettings } from '@iot-timeseries/schema';
import {
  ANALYTICS,
  ANALYTIC_NAMES,
  QueryParameterError,
  anomalies,
  asTimeSeries,
  chooseSource,
  completeness,
  dataQuality,
  deviceCompleteness,
  deviceEvents,
  deviceWindows,
  dimensionValues,
  duration,
  latestReadings,
  measureSeries,
  rangeBinMs,
  rangeSeries,
  rollupRows,
  staleDevices,
  templateToken,
  timeRangeTemplate,
  trends,
  type AnalyticName,
} from '../src';

/** The analytics that read the rollup tables (and, for what no run has covered yet, the readings). */
const ROLLUP_READERS: AnalyticName[] = ['range-series', 'rollups', 'data-quality'];

describe('analytics SQL', () => {
  it.each(ANALYTIC_NAMES.filter((n) => !ROLLUP_READERS.includes(n)))('%s: filters on time and on the multi-measure records, and matches its snapshot', (name) => {
    const { sql } = (ANALYTICS[name].build as (o: object) => { sql: string })({});
    expect(sql).toMatch(/time >= ago\(\d+(ms|s|m|h|d)\)/);
    expect(sql).toContain(`measure_name = 'sensor_reading'`);
    expect(sql).toContain('FROM "iot-timeseries-db"."sensor-data"');
    expect(sql).toMatchSnapshot();
  });

  it('uses the recipe defaults', () => {
    expect(trends().sql).toContain('bin(time, 10m)');
    expect(trends().sql).toContain('ago(1d)');
    const a = anomalies().sql;
    expect(a).toContain('ago(7d)');
    expect(a).toContain('ago(1d)');
    expect(a).toContain('abs((r."temperature" - b.baseline_avg) / b.baseline_stddev) > 2');
    expect(a).toContain('b.baseline_stddev > 0');
    expect(staleDevices().sql).toContain('HAVING max(time) < ago(300s)');
  });

  it('reads an anomaly baseline in whole bins, from the raw readings or pooled from a rollup and the readings since its last run', () => {
    const raw = anomalies({ baselineBin: '1h' }).sql;
    expect(raw).toContain('AND time >= bin(ago(7d), 1h)');
    expect(raw).toContain('stddev("temperature") AS baseline_stddev');
    const pooled = anomalies({ baselineSource: 'rollup-1h', devices: ['sensor-001'] }).sql;
    expect(pooled).toContain('FROM "iot-timeseries-db"."sensor-data-1h"');
    expect(pooled).toContain(`AND time >= bin(ago(7d), 1h) AND time < bin(bin(now() - 7m, 1h) + 5m, 1h) AND "temperature_count" > 0 AND device_id IN ('sensor-001')`);
    expect(pooled).toContain('AND time >= bin(bin(now() - 7m, 1h) + 5m, 1h) AND time >= bin(ago(7d), 1h) AND "temperature" IS NOT NULL');
    expect(pooled).toContain('/ nullif(t."temperature__n" - 1, 0))) AS baseline_stddev');
    expect(pooled).not.toContain('stddev(');
  });

  it('examines several measures in one query: one pass over the baseline, one row per reading and measure, the limit per measure', () => {
    const sql = anomalies({ measures: ['temperature', 'humidity', 'temperature'], baselineSource: 'rollup-1h', limit: 50 }).sql;
    // one scan of the rollup for both measures, no per-measure count filter (a bin may hold one measure and not the other)
    expect(sql.match(/FROM "iot-timeseries-db"."sensor-data-1h"/g)).toHaveLength(1);
    expect(sql).toContain('"temperature_count" AS "temperature__n", "temperature_avg" AS "temperature__mean", "temperature_m2" AS "temperature__m2", "humidity_count" AS "humidity__n"');
    expect(sql).not.toContain('"temperature_count" > 0');
    expect(sql).toContain(`CROSS JOIN UNNEST(ARRAY['temperature', 'humidity'], ARRAY[r."temperature", r."humidity"], ARRAY[b."temperature_baseline_avg", b."humidity_baseline_avg"], ARRAY[b."temperature_baseline_stddev", b."humidity_baseline_stddev"])`);
    expect(sql).toContain('row_number() OVER (PARTITION BY s.measure ORDER BY abs((s.value - s.baseline_avg) / s.baseline_stddev) DESC, r.device_id, r.time) AS rank');
    expect(sql).toContain('WHERE rank <= 50');
    const raw = anomalies({ measures: ['pressure', 'vibration'], baselineBin: '1h' }).sql;
    expect(raw).toContain('avg("pressure") AS "pressure_baseline_avg", stddev("pressure") AS "pressure_baseline_stddev", avg("vibration")');
    expect(raw).not.toContain('IS NOT NULL\nGROUP BY');
  });

  it('takes typed parameters', () => {
    const sql = latestReadings({ lookback: '15m', measures: ['humidity'], devices: ['sensor-001'], locations: ['hall-1'], database: 'plant', table: 'readings' }).sql;
    expect(sql).toContain('FROM "plant"."readings"');
    expect(sql).toContain("AND device_id IN ('sensor-001') AND location IN ('hall-1')");
    expect(sql).toContain('max_by("humidity", if("humidity" IS NOT NULL, time)) AS "humidity"');
    expect(sql).not.toContain('temperature');
    expect(completeness({ interval: '1m', expectedEvery: '15s' }).sql).toContain('/ 4 AS completeness');
  });

  it.each([
    [() => trends({ interval: '10 minutes' }), 'interval must look like 30s, 10m, 1h, 7d or 500ms'],
    [() => anomalies({ measure: 'rpm' }), 'measure "rpm" is not in the catalogue'],
    [() => anomalies({ threshold: Infinity }), 'threshold must be a finite number'],
    [() => anomalies({ limit: 0 }), 'limit must be a positive whole number'],
    [() => rangeSeries({ firstDevices: 0 }), 'firstDevices must be a positive whole number'],
    [() => anomalies({ measures: [] }), 'measures must name at least one measure'],
    [() => anomalies({ measures: ['temperature'], measure: 'humidity' }), 'give measure or measures, not both'],
    [() => anomalies({ measures: ['temperature', 'rpm'] }), 'measure "rpm" is not in the catalogue'],
    [() => anomalies({ baselineSource: 'rollup-5m' }), 'baselineSource must be raw, rollup-1m, rollup-1h or baseline-7d, got "rollup-5m"'],
    [() => anomalies({ baselineSource: 'baseline-7d', baseline: '1d' }), "baseline must be baseline-7d's window (168h) to read it from baseline-7d"],
    [() => anomalies({ baselineSource: 'baseline-7d', baselineBin: '2h' }), "baselineBin must be baseline-7d's bin (1h) to read it from baseline-7d"],
    [() => anomalies({ baselineSource: 'rollup-1h', baselineBin: '30m' }), "baselineBin must be a whole number of rollup-1h's 60-minute bins"],
    [() => anomalies({ baselineBin: '1h', baseline: timeRangeTemplate('$__timeFilter', '$__timeFrom', '$__timeTo') }), 'baseline must be a duration when it is read in whole bins or from a rollup'],
    [() => latestReadings({ devices: [''] }), 'devices must be a non-empty string'],
    [() => completeness({ interval: '1m', expectedEvery: '5m' }), 'expectedEvery must not be longer than interval'],
    [() => duration('0m'), 'duration must be a positive whole number'],
    [() => templateToken("$x'); DROP"), 'template must be a template token like $__timeFilter'],
    [() => timeRangeTemplate('$__timeFilter', 'now()', '$__timeTo'), 'fromMs must be a template token'],
    [() => deviceCompleteness({ interval: '1m', expectedEvery: '2m' }), 'expectedEvery must not be longer than interval'],
    [() => dimensionValues({ dimension: 'rack' as never }), 'dimension must be one of device_id, location'],
    [() => asTimeSeries(staleDevices(), { labels: [], time: 'last_seen', value: 'silent_seconds' }), 'labels must name at least one column'],
  ])('refuses bad parameters, naming them (%#)', (build, message) => {
    expect(build).toThrow(QueryParameterError);
    expect(build).toThrow(message);
  });

  describe('front-end templates (the Grafana Timestream plugin macros and dashboard variables)', () => {
    const range = timeRangeTemplate('$__timeFilter', '$__timeFrom', '$__timeTo');
    const table = { database: templateToken('$__database'), table: templateToken('$__table') };

    it('writes tokens as they are where a range, a table, an interval or a value list goes', () => {
      const sql = measureSeries({ ...table, window: range, interval: templateToken('$__interval_ms'), devices: templateToken('$device'), locations: templateToken('${location}') }).sql;
      expect(sql).toContain('FROM $__database.$__table\n');
      expect(sql).toContain('AND $__timeFilter AND device_id IN ($device) AND location IN (${location})');
      expect(sql).toContain('bin(time, $__interval_ms) AS bin_time');
      expect(sql).not.toContain('ago(');
    });

    it('spells the range out with its bounds where the time column is qualified, and ends it at the range end', () => {
      const a = anomalies({ ...table, recent: range, baseline: '1d' }).sql;
      expect(a).toContain('AND r.time BETWEEN from_milliseconds($__timeFrom) AND from_milliseconds($__timeTo)');
      expect(a).toContain('AND time >= ago(1d)');
      expect(deviceCompleteness({ window: range }).sql).toContain('bin(least(now(), from_milliseconds($__timeTo)), 1m)');
      expect(deviceCompleteness({ window: '15m' }).sql).toContain('AND time < bin(now(), 1m)');
      expect(deviceCompleteness({ expectedEvery: templateToken('$reading_interval_ms') }).sql).toContain('AS double) / $reading_interval_ms AS expected');
    });

    it('labels anomalies with their measure on request, and wraps any analytic as wide series', () => {
      expect(anomalies({ measure: 'humidity', withMeasure: true }).sql).toContain(`AS z_score, 'humidity' AS measure`);
      expect(anomalies({ measure: 'humidity' }).sql).not.toContain('AS measure');
      const wide = asTimeSeries(staleDevices(), { labels: ['device_id', 'location'], time: 'last_seen', value: 'silent_seconds' }).sql;
      expect(wide).toMatch(/^SELECT s\."device_id", s\."location", CREATE_TIME_SERIES\(s\."last_seen", s\."silent_seconds"\) AS "silent_seconds"\nFROM \(\nSELECT device_id/);
      expect(wide).toMatch(/\n\) s\nGROUP BY s\."device_id", s\."location"\nORDER BY s\."device_id", s\."location"$/);
      expect(measureSeries({ form: 'wide' }).sql).toContain('CREATE_TIME_SERIES(bin_time, avg_value) AS "temperature"');
    });
  });

  describe('escaping', () => {
    const evil = `x') OR ('1'='1`;
    it('keeps a hostile device id inside one string literal', () => {
      const sql = latestReadings({ devices: [evil], locations: [`a'b`] }).sql;
      expect(sql).toContain(`device_id IN ('x'') OR (''1''=''1')`);
      expect(sql).toContain(`location IN ('a''b')`);
    });
    it('keeps hostile database, table and measure names inside quoted identifiers', () => {
      const sql = trends({ database: 'db"; DROP TABLE x; --', table: 't"x', measureName: `m' OR 1=1 --` }).sql;
      expect(sql).toContain('FROM "db""; DROP TABLE x; --"."t""x"');
      expect(sql).toContain(`measure_name = 'm'' OR 1=1 --'`);
    });
  });
});

describe('the window function tables (events and windows)', () => {
  it('events: the events table and its records, filters as quoted literals, newest first, and its snapshot', () => {
    const sql = deviceEvents({ window: '6h', kinds: ['failure-predicted'], states: ['alert'], devices: ["o'brien"], limit: 50 }).sql;
    expect(sql).toContain('FROM "iot-timeseries-db"."device-events"');
    expect(sql).toContain("WHERE measure_name = 'device_event'");
    expect(sql).toContain("time >= ago(6h) AND device_id IN ('o''brien') AND kind IN ('failure-predicted') AND state IN ('alert')");
    expect(sql).toContain('ORDER BY time DESC, device_id\nLIMIT 50');
    expect(deviceEvents({ from: 1000, before: 2000, order: 'oldest' }).sql).toContain('time >= from_milliseconds(1000) AND time < from_milliseconds(2000)');
    expect(deviceEvents().sql).toMatchSnapshot();
  });

  it('windows: the windows table oldest first per device, or the latest window of each device, and their snapshots', () => {
    const all = deviceWindows({ devices: ['sensor-001'] }).sql;
    expect(all).toContain('FROM "iot-timeseries-db"."device-windows"');
    expect(all).toContain("WHERE measure_name = 'window_features'\n  AND time >= ago(1h) AND device_id IN ('sensor-001')");
    expect(all).toContain('ORDER BY device_id, time');
    const latest = deviceWindows({ latest: true, window: '2h' }).sql;
    expect(latest).toContain('max(time) AS latest_time');
    expect(latest).toContain('INNER JOIN latest ON w.device_id = latest.latest_device AND w.time = latest.latest_time');
    expect(all).toMatchSnapshot();
    expect(latest).toMatchSnapshot();
  });

  it.each([
    [() => deviceEvents({ limit: 0 }), 'limit must be a positive whole number'],
    [() => deviceEvents({ from: -1, before: 10 }), 'from must be a whole number of epoch milliseconds'],
    [() => deviceWindows({ window: '2 hours' }), 'window must look like'],
    [() => deviceEvents({ kinds: [''] }), 'kinds must be a non-empty string'],
  ])('refuses bad parameters, naming them (%#)', (build, message) => {
    expect(build).toThrow(QueryParameterError);
    expect(build).toThrow(message);
  });
});

describe('rollup readers', () => {
  it.each(ROLLUP_READERS)('%s: reads a rollup table of the settings by its measure name, within the window, and matches its snapshot', (name) => {
    const { sql } = (ANALYTICS[name].build as (o: object) => { sql: string })({});
    expect(sql).toMatch(/time >= (bin\()?ago\(1d\)/);
    expect(sql).toMatch(new RegExp(`FROM "iot-timeseries-db"."(${[rollupSettings.perMinute, rollupSettings.perHour, rollupSettings.dataQuality].map((r) => r.table.tableName).join('|')})"`));
    expect(sql).toMatch(new RegExp(`measure_name = '(${rollupSettings.measureName}|${rollupSettings.dataQualityMeasureName})'`));
    expect(sql).toMatchSnapshot();
  });

  it('chooses raw readings for short ranges and fine bins, else the coarsest rollup whose bin divides the bin and that still keeps the range', () => {
    const h = 3_600_000;
    expect(chooseSource(15 * 60_000, 5000)).toEqual({ kind: 'raw' });
    expect(chooseSource(6 * h, 2 * 60_000)).toEqual({ kind: 'rollup', rollup: rollupSettings.perMinute });
    expect(chooseSource(7 * 24 * h, h)).toEqual({ kind: 'rollup', rollup: rollupSettings.perHour });
    expect(chooseSource(30 * 24 * h, 3 * h)).toEqual({ kind: 'rollup', rollup: rollupSettings.perHour });
    expect(chooseSource(6 * h, 90_000)).toEqual({ kind: 'raw' }); // no rollup bin divides 90 s
    expect(chooseSource(60 * 24 * h, 10 * 60_000)).toEqual({ kind: 'raw' }); // the minute rollup keeps 31 days
    expect(() => chooseSource(0, 1000)).toThrow(QueryParameterError);
  });

  it('steps a range through nice bins of at most 240 points, no finer than the reading interval', () => {
    const m = 60_000;
    expect([15 * m, 6 * 60 * m, 24 * 60 * m, 7 * 1440 * m, 30 * 1440 * m].map((r) => rangeBinMs(r, { minBinMs: 2000 }) / 1000)).toEqual([5, 120, 600, 3600, 10800]);
    expect(rangeBinMs(60 * m, { minBinMs: 30_000 })).toBe(30_000);
  });

  it('reads the raw readings, or names the rollup, as asked; a bin a rollup cannot make is refused', () => {
    expect(rangeSeries({ window: '6h', interval: '5m', source: 'raw' }).sql).not.toContain(rollupSettings.perMinute.table.tableName);
    expect(rangeSeries({ window: '6h', interval: '5m' }).sql).toContain(`"${rollupSettings.perMinute.table.tableName}"`);
    expect(() => rangeSeries({ interval: '30m', source: 'rollup-1h' })).toThrow(new QueryParameterError("interval must be a whole number of rollup-1h's 60-minute bins"));
    expect(() => rangeSeries({ source: 'rollup-1d' })).toThrow(/source must be auto, raw, rollup-1m or rollup-1h/);
    expect(() => rollupRows({ rollup: 'hourly' })).toThrow(/rollup must be rollup-1m or rollup-1h/);
    expect(dataQuality({ window: '7d', expectedEvery: '2s', devices: ['d1'] }).sql).toContain('CAST(sum(minutes) AS double) * 60000 / 2000 AS expected');
    expect(dataQuality({ devices: ["it's"] }).sql).toContain("AND device_id IN ('it''s')");
  });

  it('data quality looks through the readings for devices only since the rollup\'s last complete run; before that, the rollup\'s bins with readings or markers say who was seen', () => {
    const sql = dataQuality({ window: '7d' }).sql;
    const until = 'bin(bin(now() - 7m, 1h) + 5m, 1h)';
    expect(sql).toContain(`AND time >= greatest(greatest(${until}, bin(ago(7d), 1h)) - 6h, ${until})`);
    expect(sql).toContain(`FROM "iot-timeseries-db"."${rollupSettings.dataQuality.table.tableName}"\nWHERE measure_name = 'data_quality' AND (readings > 0 OR put_aside_invalid > 0 OR put_aside_rejected > 0)`);
    expect(dataQuality({ window: '7d', source: 'raw' }).sql).not.toContain(rollupSettings.dataQuality.table.tableName);
  });

  it('a range series carries the statistics asked for, and refuses others naming the parameter', () => {
    const sql = rangeSeries({ window: '7d', interval: '1h', measures: ['temperature'], statistics: ['max', 'avg'] }).sql;
    expect(sql).toContain('sum("temperature__sum") / nullif(sum("temperature__count"), 0) AS "temperature_avg", max("temperature__max") AS "temperature_max"');
    expect(sql).not.toContain('temperature_min');
    expect(sql).not.toContain('AS "temperature_count"');
    expect(rangeSeries({ window: '15m', interval: '1m', source: 'raw', measures: ['humidity'], statistics: ['count'] }).sql).toContain('count("humidity") AS "humidity_count"\nFROM');
    expect(() => rangeSeries({ statistics: ['p95'] as never })).toThrow(new QueryParameterError('statistics must be some of avg, min, max, count, got ["p95"]'));
    expect(() => rangeSeries({ statistics: [] })).toThrow(/statistics must be some of/);
  });

  it('takes a front end\'s time range and variables', () => {
    const range = timeRangeTemplate('$__timeFilter', '$__timeFrom', '$__timeTo');
    expect(() => rangeSeries({ window: range })).toThrow(/source must be raw, rollup-1m or rollup-1h with a front end's time range/);
    const sql = rangeSeries({ window: range, interval: '1h', source: 'rollup-1h', database: templateToken('$__database'), table: templateToken('$__table'), devices: templateToken('$device') }).sql;
    expect(sql).toContain('FROM $__database."sensor-data-1h"');
    expect(sql).toContain('FROM $__database.$__table');
    expect(sql).toContain('AND $__timeFilter AND time < ');
    expect(sql).toContain('device_id IN ($device)');
    const quality = dataQuality({ window: range, expectedEvery: templateToken('$reading_interval_ms') }).sql;
    expect(quality).toContain('bin(from_milliseconds($__timeFrom), 1h)');
    expect(quality).toContain('least(now(), from_milliseconds($__timeTo))');
    expect(quality).toContain('* 60000 / $reading_interval_ms AS expected');
  });
});
