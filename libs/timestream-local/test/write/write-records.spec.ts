import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CreateDatabaseCommand, CreateTableCommand, WriteRecordsCommand, type _Record, type WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import { errorOf, startHarness, visibleRows, type Harness } from './harness';

let h: Harness;
const DB = 'wr_db';
let tableCounter = 0;

beforeAll(async () => {
  h = await startHarness();
  await h.write.send(new CreateDatabaseCommand({ DatabaseName: DB }));
});
afterAll(() => h.close());

async function newTable(options: Partial<ConstructorParameters<typeof CreateTableCommand>[0]> = {}): Promise<string> {
  const name = `table_${++tableCounter}`;
  await h.write.send(new CreateTableCommand({ DatabaseName: DB, TableName: name, ...options }));
  return name;
}

const write = (table: string, records: _Record[], common?: _Record) =>
  h.write.send(new WriteRecordsCommand({ DatabaseName: DB, TableName: table, Records: records, ...(common ? { CommonAttributes: common } : {}) } as WriteRecordsCommandInput));

const rejectionsOf = async (promise: Promise<unknown>) => {
  const error = await errorOf(promise);
  expect(error.name).toBe('RejectedRecordsException');
  expect(error.$metadata.httpStatusCode).toBe(419);
  return error.RejectedRecords as Array<{ RecordIndex: number; Reason: string; ExistingVersion?: number }>;
};

const dims = (device: string) => [
  { Name: 'device_id', Value: device },
  { Name: 'location', Value: 'lab' },
];

describe('WriteRecords', () => {
  it('merges CommonAttributes and applies the defaults (DOUBLE, MILLISECONDS, version 1)', async () => {
    const table = await newTable();
    const t = Date.now() - 1000;
    const result = await write(table, [{ Time: String(t), MeasureValue: '21.5' }, { Time: String(t + 1), MeasureValue: '22', Dimensions: [{ Name: 'extra', Value: 'e' }] }], {
      Dimensions: dims('dev-1'),
      MeasureName: 'temperature',
    });
    expect(result.RecordsIngested).toEqual({ Total: 2, MemoryStore: 2, MagneticStore: 0 });
    const rows = await visibleRows(h.server, DB, table);
    expect(rows.map((r) => [r.device_id, r.location, r.extra ?? null, r.measure_name, r['measure_value::double'], (r.time as Date).getTime()])).toEqual([
      ['dev-1', 'lab', null, 'temperature', 21.5, t],
      ['dev-1', 'lab', 'e', 'temperature', 22, t + 1],
    ]);
    const meta = await h.server.storage.getTable(DB, table);
    expect(meta?.columns.map((c) => c.name)).toEqual(['device_id', 'location', 'extra', 'measure_name', 'time', 'measure_value::double']);
    expect(meta?.measures).toEqual([{ name: 'temperature', type: 'DOUBLE', dimensions: ['device_id', 'location', 'extra'] }]);
  });

  it('stores every scalar type and MULTI records with TIMESTAMP values, in every time unit', async () => {
    const table = await newTable();
    const ms = Date.now() - 5000;
    const records: _Record[] = [
      { Dimensions: dims('a'), MeasureName: 'd', MeasureValueType: 'DOUBLE', MeasureValue: '1.25', Time: String(ms), TimeUnit: 'MILLISECONDS' },
      { Dimensions: dims('a'), MeasureName: 'b', MeasureValueType: 'BIGINT', MeasureValue: '9007199254740993', Time: String(Math.floor(ms / 1000)), TimeUnit: 'SECONDS' },
      { Dimensions: dims('a'), MeasureName: 'v', MeasureValueType: 'VARCHAR', MeasureValue: "it's", Time: `${ms}123`, TimeUnit: 'MICROSECONDS' },
      { Dimensions: dims('a'), MeasureName: 'f', MeasureValueType: 'BOOLEAN', MeasureValue: 'TRUE', Time: `${ms}123456`, TimeUnit: 'NANOSECONDS' },
      {
        Dimensions: dims('a'),
        MeasureName: 'm',
        MeasureValueType: 'MULTI',
        Time: String(ms),
        MeasureValues: [
          { Name: 'temp', Value: '20.5', Type: 'DOUBLE' },
          { Name: 'count', Value: '7', Type: 'BIGINT' },
          { Name: 'seen_at', Value: String(ms - 10), Type: 'TIMESTAMP' },
          { Name: 'ok', Value: 'false', Type: 'BOOLEAN' },
          { Name: 'note', Value: 'x', Type: 'VARCHAR' },
        ],
      },
    ];
    expect((await write(table, records)).RecordsIngested?.Total).toBe(5);
    const meta = await h.server.storage.getTable(DB, table);
    const result = await h.server.storage.runQuery(
      `SELECT measure_name, CAST(epoch_ns(time) AS VARCHAR) AS ns, "measure_value::double" AS d, CAST("measure_value::bigint" AS VARCHAR) AS b, "measure_value::varchar" AS v,
        "measure_value::boolean" AS f, temp, count, epoch_ms(seen_at) AS seen, ok, note FROM ${meta?.relationSql} ORDER BY measure_name`,
    );
    const byName = Object.fromEntries(result.rows.map((r) => [r[0], r]));
    expect(byName.d.slice(1, 3)).toEqual([`${ms}000000`, 1.25]);
    expect(byName.b[1]).toBe(`${Math.floor(ms / 1000)}000000000`);
    expect(byName.b[3]).toBe('9007199254740993');
    expect(byName.v[1]).toBe(`${ms}123000`);
    expect(byName.v[4]).toBe("it's");
    expect(byName.f[1]).toBe(`${ms}123456`);
    expect(byName.f[5]).toBe(true);
    expect(byName.m.slice(6)).toEqual([20.5, 7n, BigInt(ms - 10), false, 'x']);
    expect(meta?.columns.filter((c) => c.kind === 'MULTI').map((c) => [c.name, c.type])).toEqual([
      ['temp', 'DOUBLE'],
      ['count', 'BIGINT'],
      ['seen_at', 'TIMESTAMP'],
      ['ok', 'BOOLEAN'],
      ['note', 'VARCHAR'],
    ]);
  });

  it('rejects invalid records with their index and reason while storing the valid ones', async () => {
    const table = await newTable();
    const now = Date.now();
    const long = 'x'.repeat(61);
    const cases: Array<[_Record, RegExp]> = [
      [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '1', Time: String(now - 7 * 3_600_000) }, /outside the time range \[.*\) of the memory store/],
      [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '1', Time: String(now + 16 * 60_000) }, /outside the time range .* of the memory store/],
      [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '1', Time: 'yesterday' }, /^Invalid time for record\.$/],
      [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '1' }, /Time must be specified/],
      [{ Dimensions: dims('a'), MeasureName: 'ts', MeasureValueType: 'TIMESTAMP', MeasureValue: String(now), Time: String(now) }, /TIMESTAMP is an invalid measure value type/],
      [{ Dimensions: dims('a'), MeasureValue: '1', Time: String(now) }, /Measure name must be specified/],
      [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: 'abc', Time: String(now) }, /Invalid measure value "abc" for measure m of type DOUBLE/],
      [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValueType: 'BIGINT', MeasureValue: '1.5', Time: String(now) }, /Invalid measure value/],
      [{ Dimensions: [{ Name: 'time', Value: 'x' }], MeasureName: 'm', MeasureValue: '1', Time: String(now) }, /Dimension name time is not allowed/],
      [{ Dimensions: [{ Name: 'ts_zone', Value: 'x' }], MeasureName: 'm', MeasureValue: '1', Time: String(now) }, /Dimension name ts_zone is not allowed/],
      [{ Dimensions: [{ Name: 'measure_value_x', Value: 'x' }], MeasureName: 'm', MeasureValue: '1', Time: String(now) }, /not allowed/],
      [{ Dimensions: [{ Name: long, Value: 'x' }], MeasureName: 'm', MeasureValue: '1', Time: String(now) }, /exceeds the maximum length of 60 bytes/],
      [{ Dimensions: dims('a'), MeasureName: 'n'.repeat(257), MeasureValue: '1', Time: String(now) }, /Measure name exceeds the maximum length of 256 bytes/],
      [{ Dimensions: [{ Name: 'big1', Value: 'v'.repeat(1100) }, { Name: 'big2', Value: 'v'.repeat(1100) }], MeasureName: 'm', MeasureValue: '1', Time: String(now) }, /exceeds the maximum record size of 2048 bytes/],
      [{ Dimensions: [{ Name: 'dup', Value: '1' }, { Name: 'dup', Value: '2' }], MeasureName: 'm', MeasureValue: '1', Time: String(now) }, /Dimension name dup appears more than once/],
      [{ Dimensions: dims('a'), MeasureName: 'mm', MeasureValueType: 'MULTI', Time: String(now) }, /MeasureValues must be specified/],
      [{ Dimensions: dims('a'), MeasureName: 'mm', MeasureValueType: 'MULTI', MeasureValue: '1', MeasureValues: [{ Name: 'a', Value: '1', Type: 'DOUBLE' }], Time: String(now) }, /MeasureValue must not be specified/],
      [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '1', MeasureValues: [{ Name: 'a', Value: '1', Type: 'DOUBLE' }], Time: String(now) }, /MeasureValues can only be specified with measure value type MULTI/],
      [{ Dimensions: dims('a'), MeasureName: 'mm', MeasureValueType: 'MULTI', MeasureValues: [{ Name: 'a', Value: '1', Type: 'MULTI' }], Time: String(now) }, /must be scalar/],
      [{ Dimensions: dims('a'), MeasureName: 'mm', MeasureValueType: 'MULTI', MeasureValues: [{ Name: 'a', Value: '1', Type: 'DOUBLE' }, { Name: 'a', Value: '2', Type: 'DOUBLE' }], Time: String(now) }, /appears more than once/],
      [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '1', Time: String(now), Version: 0 }, /version must be a positive integer/],
    ];
    const valid: _Record = { Dimensions: dims('good'), MeasureName: 'm', MeasureValue: '42', Time: String(now - 10) };
    const records = [valid, ...cases.map(([r]) => r), { ...valid, Time: String(now - 20) }];
    const rejected = await rejectionsOf(write(table, records));
    expect(rejected.map((r) => r.RecordIndex)).toEqual(cases.map((_, i) => i + 1));
    rejected.forEach((r, i) => expect(r.Reason).toMatch(cases[i][1]));
    const rows = await visibleRows(h.server, DB, table);
    expect(rows.map((r) => [r.device_id, r['measure_value::double']])).toEqual([
      ['good', 42],
      ['good', 42],
    ]);
  });

  it('refuses a call whose CommonAttributes dimensions overlap a record\'s with a ValidationException (the model\'s rule)', async () => {
    const table = await newTable();
    const valid: _Record = { Dimensions: [{ Name: 'site', Value: 's1' }], MeasureValue: '1', Time: String(Date.now() - 10) };
    const overlapping: _Record = { Dimensions: [{ Name: 'device_id', Value: 'other' }], MeasureValue: '2', Time: String(Date.now()) };
    const error = await write(table, [valid, overlapping], { Dimensions: dims('a'), MeasureName: 'm' }).then(() => undefined, (e: Error) => e);
    expect(error?.name).toBe('ValidationException');
    expect(error?.message).toBe('Dimension name device_id of records.2 is also in commonAttributes.dimensions: the dimensions of CommonAttributes and of a record may not overlap.');
    expect(await visibleRows(h.server, DB, table)).toEqual([]);
    // without the overlap both are written, the common dimension merged in
    await write(table, [valid, { ...overlapping, Dimensions: [{ Name: 'site', Value: 's2' }] }], { Dimensions: dims('a'), MeasureName: 'm' });
    expect((await visibleRows(h.server, DB, table)).map((r) => [r.device_id, r.site])).toEqual([['a', 's1'], ['a', 's2']]);
  });

  it('keeps the type of a measure name and of a multi-measure attribute; names are dimensions or measures', async () => {
    const table = await newTable();
    const t = Date.now() - 100;
    await write(table, [
      { Dimensions: dims('a'), MeasureName: 'level', MeasureValue: '1.5', Time: String(t) },
      { Dimensions: dims('a'), MeasureName: 'multi', MeasureValueType: 'MULTI', MeasureValues: [{ Name: 'temp', Value: '1', Type: 'DOUBLE' }], Time: String(t) },
    ]);
    const rejected = await rejectionsOf(
      write(table, [
        { Dimensions: dims('a'), MeasureName: 'level', MeasureValueType: 'BIGINT', MeasureValue: '2', Time: String(t + 1) },
        { Dimensions: dims('a'), MeasureName: 'multi', MeasureValueType: 'MULTI', MeasureValues: [{ Name: 'temp', Value: 'hot', Type: 'VARCHAR' }], Time: String(t + 1) },
        { Dimensions: dims('a'), MeasureName: 'level', MeasureValueType: 'MULTI', MeasureValues: [{ Name: 'x', Value: '1', Type: 'DOUBLE' }], Time: String(t + 1) },
        { Dimensions: [{ Name: 'temp', Value: 'x' }], MeasureName: 'level', MeasureValue: '3', Time: String(t + 1) },
        { Dimensions: dims('a'), MeasureName: 'level', MeasureValue: '4', Time: String(t + 2) },
      ]),
    );
    expect(rejected.map((r) => r.RecordIndex)).toEqual([0, 1, 2, 3]);
    expect(rejected[0].Reason).toMatch(/level was already ingested with measure value type DOUBLE; it cannot be ingested as BIGINT/);
    expect(rejected[1].Reason).toMatch(/temp was already ingested with measure value type DOUBLE/);
    expect(rejected[2].Reason).toMatch(/level .* DOUBLE; it cannot be ingested as MULTI/);
    expect(rejected[3].Reason).toMatch(/Dimension name temp is already used as a measure name/);
    expect(await visibleRows(h.server, DB, table)).toHaveLength(3);
  });

  it('upserts by higher version, accepts identical re-writes and reports version conflicts', async () => {
    const table = await newTable();
    const t = String(Date.now() - 1000);
    const rec = (value: string, version?: number): _Record => ({ Dimensions: dims('v'), MeasureName: 'm', MeasureValue: value, Time: t, ...(version ? { Version: version } : {}) });
    await write(table, [rec('1')]);
    expect((await write(table, [rec('1')])).RecordsIngested).toEqual({ Total: 1, MemoryStore: 1, MagneticStore: 0 });
    const same = await rejectionsOf(write(table, [rec('2')]));
    expect(same).toEqual([
      {
        RecordIndex: 0,
        Reason:
          'A record already exists with the same time, dimensions, measure name, and record version. A higher record version must be specified in order to update the measure value. Specifying record version is supported by the latest SDKs.',
        ExistingVersion: 1,
      },
    ]);
    await write(table, [rec('3', 200)]);
    let rows = await visibleRows(h.server, DB, table);
    expect(rows.map((r) => r['measure_value::double'])).toEqual([3]);
    const lower = await rejectionsOf(write(table, [rec('4', 2)]));
    expect(lower).toEqual([{ RecordIndex: 0, Reason: 'The record version 2 is lower than the existing version 200. A higher version is required to update the measure value.', ExistingVersion: 200 }]);
    const sameHigher = await rejectionsOf(write(table, [rec('4', 200)]));
    expect(sameHigher).toEqual([{ RecordIndex: 0, Reason: expect.stringMatching(/^A record already exists with the same time/), ExistingVersion: 200 }]);
    // within one call: a later, higher version wins
    await write(table, [rec('5', 300), rec('6', 301)]);
    rows = await visibleRows(h.server, DB, table);
    expect(rows.map((r) => r['measure_value::double'])).toEqual([6]);
  });

  it('writes older records to the magnetic store when enabled and reports its version conflicts under dataDir', async () => {
    const table = await newTable({
      RetentionProperties: { MemoryStoreRetentionPeriodInHours: 1, MagneticStoreRetentionPeriodInDays: 10 },
      MagneticStoreWriteProperties: {
        EnableMagneticStoreWrites: true,
        MagneticStoreRejectedDataLocation: { S3Configuration: { BucketName: 'rejects', ObjectKeyPrefix: 'timestream/errors' } },
      },
    });
    const now = Date.now();
    const old = String(now - 2 * 86_400_000);
    const result = await write(table, [
      { Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '1', Time: old },
      { Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '2', Time: String(now - 1000) },
    ]);
    expect(result.RecordsIngested).toEqual({ Total: 2, MemoryStore: 1, MagneticStore: 1 });
    const tooOld = await rejectionsOf(write(table, [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '1', Time: String(now - 11 * 86_400_000) }]));
    expect(tooOld[0].Reason).toMatch(/of the magnetic store\.$/);

    const conflict = await write(table, [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '9', Time: old }]);
    expect(conflict.RecordsIngested).toEqual({ Total: 1, MemoryStore: 0, MagneticStore: 1 });
    const dir = path.join(h.dataDir as string, 's3', 'rejects', 'timestream', 'errors', DB, table);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const report = JSON.parse(readFileSync(path.join(dir, files[0]), 'utf8'));
    expect(report).toMatchObject({ databaseName: DB, tableName: table, bucketName: 'rejects', objectKeyPrefix: 'timestream/errors' });
    expect(report.rejectedRecords).toEqual([
      expect.objectContaining({ recordIndex: 0, reason: expect.stringMatching(/A record already exists/), record: expect.objectContaining({ timeNanoseconds: `${old}000000`, measureName: 'm' }) }),
    ]);
    const stored = await visibleRows(h.server, DB, table);
    expect(stored.map((r) => r['measure_value::double'])).toEqual([1, 2]);
  });

  it('refuses requests breaking the model: more than 100 records, bad enums, unknown tables', async () => {
    const table = await newTable();
    const many = Array.from({ length: 101 }, (_, i) => ({ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '1', Time: String(Date.now() - i) }));
    const tooMany = await errorOf(write(table, many));
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.message).toContain("'records'");
    const badUnit = await errorOf(write(table, [{ Dimensions: dims('a'), MeasureName: 'm', MeasureValue: '1', Time: '1', TimeUnit: 'HOURS' as never }]));
    expect(badUnit.message).toContain("'records.1.member.timeUnit'");
    expect(badUnit.message).toContain('enum value set');
    const missing = await errorOf(h.write.send(new WriteRecordsCommand({ DatabaseName: DB, TableName: 'missing_table', Records: [{ MeasureName: 'm', MeasureValue: '1', Time: '1' }] })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(await visibleRows(h.server, DB, table)).toHaveLength(0);
  });

  it('answers concurrent calls correctly (group commit keeps each call its own result)', async () => {
    const table = await newTable();
    const t = Date.now() - 1000;
    const calls = Array.from({ length: 12 }, (_, k) =>
      write(table, Array.from({ length: 50 }, (_, i) => ({ Dimensions: dims(`d${k}`), MeasureName: 'm', MeasureValue: String(i), Time: String(t - i) }))),
    );
    const conflicting = write(table, [{ Dimensions: dims('d0'), MeasureName: 'm', MeasureValue: '999', Time: String(t) }]);
    const results = await Promise.allSettled([...calls, conflicting]);
    expect(results.slice(0, 12).every((r) => r.status === 'fulfilled' && r.value.RecordsIngested?.Total === 50)).toBe(true);
    const last = results[12];
    expect(last.status).toBe('rejected');
    expect(await visibleRows(h.server, DB, table)).toHaveLength(600);
  });
});
