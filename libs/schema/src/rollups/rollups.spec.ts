import {
  checkRollup,
  DATA_QUALITY_COLUMNS,
  dataQualitySql,
  isSchemaSeedEvent,
  MEASURE_NAMES,
  measureRollupSql,
  minutesInterval,
  putAsideRecord,
  rollupList,
  rollupScheduledQueries,
  rollupScheduledQueryName,
  rollupSettings,
  scheduleExpression,
  SCHEMA_SEED_EVENT,
  schemaSeedRecord,
  SchemaError,
  timestreamSettings,
  type MeasureRollup,
  backfillInvocations,
  rollupTableInput,
  rollupSeedRecord,
  rollupSeedRequests,
  ROLLUP_SEED_EVENT,
  rollupTarget,
  SCHEMA_SEED,
} from '../index';

/** The names of the columns the last SELECT returns: each top-level item's alias, or its column name. */
const selectedColumns = (sql: string): string[] => {
  const last = sql.slice(sql.lastIndexOf('SELECT ') + 'SELECT '.length);
  const list = last.slice(0, last.indexOf('\nFROM '));
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  return items.map((item) => {
    const alias = / AS "?([a-z_0-9]+)"?\s*$/.exec(item);
    return alias ? alias[1] : item.trim().replace(/^\w+\./, '');
  });
};

describe('rollup settings', () => {
  it('keep every rule: whole bins of overlap, a schedule on bin boundaries, bins a run writes inside the memory store', () => {
    for (const rollup of rollupList()) expect(() => checkRollup(rollup)).not.toThrow();
    expect(rollupList().map((r) => [r.id, r.table.tableName, minutesInterval(r.binMinutes), minutesInterval(r.overlapMinutes)])).toEqual([
      ['rollup-1m', `${timestreamSettings.tableName}-1m`, '1m', '1h'],
      ['rollup-1h', `${timestreamSettings.tableName}-1h`, '1h', '6h'],
      ['data-quality-1h', 'data-quality-1h', '1h', '6h'],
      ['baseline-7d', `${timestreamSettings.tableName}-baseline-7d`, '1h', '1h'],
    ]);
    // rollups outlive the readings they summarise, and every derived table accepts backfills
    expect(rollupSettings.perHour.table.retention.magneticStoreRetentionDays).toBeGreaterThan(timestreamSettings.retention.magneticStoreRetentionDays);
    for (const rollup of rollupList()) expect(rollup.table.magneticStoreWrites.enabled).toBe(true);
  });

  it('refuses a rollup whose runs would write bins older than its memory store, naming it', () => {
    const bad: MeasureRollup = { ...rollupSettings.perMinute, overlapMinutes: 13 * 60 };
    expect(() => checkRollup(bad)).toThrow(new SchemaError(`rollup rollup-1m: a run writes bins up to 13.016666666666667 h old, older than the memory store of ${bad.table.tableName} (12 h)`));
    expect(() => checkRollup({ ...rollupSettings.perHour, overlapMinutes: 90 })).toThrow(/overlapMinutes must be a positive whole number of bins, got 90/);
    // the baseline's rows are stamped with their window's start, a week back
    const short = { ...rollupSettings.baseline, table: { ...rollupSettings.baseline.table, retention: { memoryStoreRetentionHours: 168, magneticStoreRetentionDays: 1 } } };
    expect(() => checkRollup(short)).toThrow(new SchemaError(`rollup baseline-7d: a run writes bins up to 170 h old, older than the memory store of ${short.table.tableName} (168 h)`));
  });

  it('schedules on boundaries with cron (rate() would count from the creation minute)', () => {
    expect(scheduleExpression({ everyMinutes: 5, offsetMinutes: 0 })).toBe('cron(0/5 * * * ? *)');
    expect(scheduleExpression({ everyMinutes: 60, offsetMinutes: 5 })).toBe('cron(5 * * * ? *)');
    expect(() => scheduleExpression({ everyMinutes: 7, offsetMinutes: 0 })).toThrow(/everyMinutes must divide 60/);
    expect(() => scheduleExpression({ everyMinutes: 5, offsetMinutes: 5 })).toThrow(/offsetMinutes must be a whole number from 0 to 4, got 5/);
  });
});

describe('the scheduled queries', () => {
  const queries = rollupScheduledQueries({ environment: 'dev' });

  it('are named per environment, scheduled from the settings and report errors under their own prefix', () => {
    expect(queries.map((q) => [q.name, q.scheduleExpression, q.errorReportKeyPrefix])).toEqual([
      ['iot-timeseries-dev-rollup-1m', 'cron(0/5 * * * ? *)', 'scheduled-query-errors/iot-timeseries-dev-rollup-1m'],
      ['iot-timeseries-dev-rollup-1h', 'cron(5 * * * ? *)', 'scheduled-query-errors/iot-timeseries-dev-rollup-1h'],
      ['iot-timeseries-dev-data-quality-1h', 'cron(5 * * * ? *)', 'scheduled-query-errors/iot-timeseries-dev-data-quality-1h'],
      ['iot-timeseries-dev-baseline-7d', 'cron(10 * * * ? *)', 'scheduled-query-errors/iot-timeseries-dev-baseline-7d'],
    ]);
    expect(() => rollupScheduledQueryName('Prod!', rollupSettings.perHour)).toThrow(/environment must be lower-case letters/);
  });

  it('recompute the overlap before @scheduled_runtime, reading only the multi-measure readings', () => {
    const [minute, hour] = queries;
    expect(minute.queryString).toContain('AND time BETWEEN bin(@scheduled_runtime, 1m) - 1h AND @scheduled_runtime');
    expect(hour.queryString).toContain('AND time BETWEEN bin(@scheduled_runtime, 1h) - 6h AND @scheduled_runtime');
    expect(hour.queryString).toContain(`FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}"\nWHERE measure_name = '${timestreamSettings.multiMeasureName}'`);
    expect(hour.queryString).toContain('approx_percentile("temperature", 0.95) AS "temperature_p95"');
    // the sum of squared deviations from the bin's mean, which merges across bins into a pooled variance
    expect(hour.queryString).toContain('var_pop("pressure") * count("pressure") AS "pressure_m2"');
    expect(hour.queryString).toMatchSnapshot();
    // the data quality writes whole hours only, for the devices seen in twice the overlap
    const quality = queries[2].queryString;
    expect(quality).toContain('AND time >= bin(@scheduled_runtime, 1h) - 6h AND time < bin(@scheduled_runtime, 1m)');
    expect(quality).toContain('AND time >= bin(@scheduled_runtime, 1h) - 12h AND time < bin(@scheduled_runtime, 1m)');
    expect(quality).toContain('WHERE h.bin_time < bin(@scheduled_runtime, 1h) AND');
  });

  it('map every column the query selects, and nothing else, onto the target table', () => {
    for (const q of queries) {
      const mapped = q.target.MultiMeasureMappings?.MultiMeasureAttributeMappings?.map((m) => m.SourceColumn) ?? [];
      const dimensions = q.target.DimensionMappings?.map((d) => d.Name) ?? [];
      expect([...dimensions, q.target.TimeColumn, ...mapped].sort()).toEqual(selectedColumns(q.queryString).sort());
      expect(q.target).toMatchObject({ DatabaseName: rollupSettings.databaseName, TableName: q.rollup.table.tableName, TimeColumn: 'bin_time' });
    }
    const [minute, , quality] = queries;
    const types = Object.fromEntries(minute.target.MultiMeasureMappings?.MultiMeasureAttributeMappings?.map((m) => [m.SourceColumn, m.MeasureValueType]) ?? []);
    expect(types).toMatchObject({ temperature_avg: 'DOUBLE', temperature_p95: 'DOUBLE', temperature_m2: 'DOUBLE', temperature_count: 'BIGINT', readings: 'BIGINT' });
    expect(Object.keys(types)).toHaveLength(MEASURE_NAMES.length * 6 + 1);
    expect(quality.target.MultiMeasureMappings).toMatchObject({ TargetMultiMeasureName: 'data_quality' });
    expect(quality.target.MultiMeasureMappings?.MultiMeasureAttributeMappings?.map((m) => m.SourceColumn)).toEqual(Object.values(DATA_QUALITY_COLUMNS));
  });

  it('build the same SQL for any window, so readers can run it over raw readings', () => {
    const window = { from: 'from_milliseconds(1000)', to: 'now()' };
    expect(measureRollupSql(rollupSettings.perHour, window)).toContain('AND time BETWEEN from_milliseconds(1000) AND now()');
    const quality = dataQualitySql(rollupSettings.dataQuality, { ...window, devicesSince: 'from_milliseconds(1000) - 6h' });
    expect(quality).toContain('AND time >= from_milliseconds(1000) AND time < bin(now(), 1m)');
    expect(quality).toContain('AND time >= from_milliseconds(1000) - 6h AND time < bin(now(), 1m)');
    expect(quality).toContain('WHERE h.bin_time < bin(now(), 1m) AND h.bin_time >= bin(d.first_seen, 1h)');
    // in the hour a device was first seen in, its minutes (and a leading gap) count from the minute it was
    expect(quality).toContain("date_diff('minute', greatest(h.bin_time, bin(d.first_seen, 1m)), least(h.bin_time + 1h, bin(now(), 1m))) AS minutes");
    expect(quality).toContain('if(r.first_minute > greatest(h.bin_time, bin(d.first_seen, 1m)), 1, 0)');
    expect(quality).toMatchSnapshot();
  });

  it('reads who was seen before a reader\'s `until` from the relation it is given, and the readings only from there on', () => {
    const quality = dataQualitySql(rollupSettings.dataQuality, { from: 'f', to: 'now()', devicesSince: 'f - 6h', seenBefore: { sql: 'SELECT * FROM seen', until: 'u' } });
    expect(quality).toContain('AND time >= greatest(f - 6h, u) AND time < bin(now(), 1m)');
    expect(quality).toContain('SELECT device_id, location, time FROM (SELECT * FROM seen)\nWHERE time >= f - 6h AND time < u');
    expect(dataQualitySql(rollupSettings.dataQuality, { from: 'f', to: 'now()', devicesSince: 'f - 6h' })).not.toContain('UNION ALL');
  });
});

describe('records written to the readings table besides readings', () => {
  it('the seed carries every catalogue measure and both put-aside columns, under a name no analytic reads', () => {
    const seed = schemaSeedRecord(Date.UTC(2026, 0, 1));
    expect(seed).toMatchObject({ MeasureName: 'schema_seed', MeasureValueType: 'MULTI', Time: String(Date.UTC(2026, 0, 1)), TimeUnit: 'MILLISECONDS', Version: 1 });
    expect(seed.MeasureName).not.toBe(timestreamSettings.multiMeasureName);
    expect(seed.MeasureValues?.map((v) => `${v.Name}:${v.Type}`)).toEqual([...MEASURE_NAMES.map((m) => `${m}:DOUBLE`), 'put_aside_invalid:BIGINT', 'put_aside_rejected:BIGINT']);
    expect(isSchemaSeedEvent(SCHEMA_SEED_EVENT)).toBe(true);
    expect(isSchemaSeedEvent({ action: 'seed-schema', device_id: 'x' })).toBe(false);
    expect(isSchemaSeedEvent([SCHEMA_SEED_EVENT])).toBe(false);
  });

  it('a put-aside marker is stable for the same entry and distinct for two entries of one millisecond', () => {
    const mark = { deviceId: 'sensor-001', location: 'hall', kind: 'invalid' as const, receivedAtMs: 1_772_366_400_123, identity: 'kinesis|495|0' };
    const a = putAsideRecord(mark);
    expect(putAsideRecord(mark)).toEqual(a);
    expect(a).toMatchObject({
      MeasureName: 'put_aside',
      TimeUnit: 'NANOSECONDS',
      Version: 1,
      Dimensions: [
        { Name: 'device_id', Value: 'sensor-001' },
        { Name: 'location', Value: 'hall' },
      ],
      MeasureValues: [
        { Name: 'put_aside_invalid', Value: '1', Type: 'BIGINT' },
        { Name: 'put_aside_rejected', Value: '0', Type: 'BIGINT' },
      ],
    });
    const other = putAsideRecord({ ...mark, identity: 'kinesis|496|0' });
    expect(other?.Time).not.toBe(a?.Time);
    for (const record of [a, other]) expect(BigInt(record?.Time ?? '0') / 1_000_000n).toBe(1_772_366_400_123n);
  });

  it('a marker leaves out a location that cannot be a dimension value, and is not made for such a device id', () => {
    expect(putAsideRecord({ deviceId: 'd', location: '', kind: 'rejected', receivedAtMs: 1, identity: 'x' })?.Dimensions).toEqual([{ Name: 'device_id', Value: 'd', DimensionValueType: 'VARCHAR' }]);
    expect(putAsideRecord({ deviceId: ' ', kind: 'rejected', receivedAtMs: 1, identity: 'x' })).toBeUndefined();
  });
});

describe('deploying the rollups', () => {
  it('creates each rollup table with its retention and magnetic-store writes reported to the bucket', () => {
    expect(rollupTableInput(rollupSettings.perHour, { rejectedDataBucket: 'rejects' })).toEqual({
      DatabaseName: rollupSettings.databaseName,
      TableName: `${timestreamSettings.tableName}-1h`,
      RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 730 },
      MagneticStoreWriteProperties: {
        EnableMagneticStoreWrites: true,
        MagneticStoreRejectedDataLocation: { S3Configuration: { BucketName: 'rejects', ObjectKeyPrefix: `rejected-records/${timestreamSettings.tableName}-1h/`, EncryptionOption: 'SSE_S3' } },
      },
      Tags: [{ Key: 'Project', Value: 'IoTTimeSeries' }],
    });
  });

  it('backfills oldest first with runs on the schedule whose windows meet', () => {
    const at = (iso: string) => Date.parse(iso);
    const hourly = backfillInvocations(rollupSettings.perHour, at('2026-03-01T00:00:00Z'), at('2026-03-02T12:34:00Z'));
    expect(hourly.map((t) => new Date(t).toISOString().slice(5, 16))).toEqual(['03-01T06:05', '03-01T12:05', '03-01T18:05', '03-02T00:05', '03-02T06:05', '03-02T12:05']);
    const minute = backfillInvocations(rollupSettings.perMinute, at('2026-03-02T10:00:00Z'), at('2026-03-02T12:34:00Z'));
    expect(minute.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['10:30', '11:30', '12:30']);
    // each run's window starts no later than the previous run's time: nothing is left out
    for (const [rollup, times] of [[rollupSettings.perHour, hourly], [rollupSettings.perMinute, minute]] as const) {
      const binMs = rollup.binMinutes * 60_000;
      for (let i = 1; i < times.length; i++) expect(Math.floor(times[i] / binMs) * binMs - rollup.overlapMinutes * 60_000).toBeLessThanOrEqual(times[i - 1]);
    }
  });
});

describe('rollupSeedRecord', () => {
  it('carries every column a rollup writes, typed as its target maps it, under the seed measure no reader selects', () => {
    for (const rollup of rollupList()) {
      const seed = rollupSeedRecord(rollup, 1_700_000_000_000);
      const mapped = rollupTarget(rollup).MultiMeasureMappings?.MultiMeasureAttributeMappings ?? [];
      expect(seed.MeasureValues?.map((v) => [v.Name, v.Type])).toEqual(mapped.map((m) => [m.SourceColumn, m.MeasureValueType]));
      expect(seed.MeasureName).toBe(SCHEMA_SEED.measureName);
      expect(seed.Dimensions?.map((d) => d.Name)).toEqual(['device_id', 'location']);
      expect(seed.Time).toBe('1700000000000');
    }
    expect(rollupSeedRecord(rollupSettings.perHour, 0).MeasureValues).toContainEqual({ Name: 'temperature_p95', Value: '0', Type: 'DOUBLE' });
    expect(rollupSeedRecord(rollupSettings.perMinute, 0).MeasureValues).toContainEqual({ Name: 'humidity_m2', Value: '0', Type: 'DOUBLE' });
    expect(rollupSeedRecord(rollupSettings.dataQuality, 0).MeasureValues).toContainEqual({ Name: 'put_aside_rejected', Value: '0', Type: 'BIGINT' });
  });

  it('rollupSeedRequests: one WriteRecords request per rollup table of the settings, in their database, with its seed record', () => {
    const settings = { ...rollupSettings, databaseName: 'other-db' };
    const requests = rollupSeedRequests(1_700_000_000_000, settings);
    expect(requests.map((r) => [r.DatabaseName, r.TableName])).toEqual(rollupList().map((r) => ['other-db', r.table.tableName]));
    requests.forEach((r, i) => expect(r.Records).toEqual([rollupSeedRecord(rollupList()[i], 1_700_000_000_000)]));
    expect(ROLLUP_SEED_EVENT).toEqual({ action: 'seed-rollup-tables' });
  });
});
