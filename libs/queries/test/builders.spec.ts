import { ANALYTICS, ANALYTIC_NAMES, QueryParameterError, anomalies, completeness, duration, latestReadings, staleDevices, trends } from '../src';

describe('analytics SQL', () => {
  it.each(ANALYTIC_NAMES)('%s: filters on time and on the multi-measure records, and matches its snapshot', (name) => {
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
    [() => latestReadings({ devices: [''] }), 'devices must be a non-empty string'],
    [() => completeness({ interval: '1m', expectedEvery: '5m' }), 'expectedEvery must not be longer than interval'],
    [() => duration('0m'), 'duration must be a positive whole number'],
  ])('refuses bad parameters, naming them (%#)', (build, message) => {
    expect(build).toThrow(QueryParameterError);
    expect(build).toThrow(message);
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
