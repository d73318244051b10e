import { compareDevices } from '../src/recovery/verify-command';
import { checksumSql, exportDataModel, exportSql, tableShape } from '../src/recovery/table-shape';
import { parseS3Uri } from '../src/recovery/s3-uri';

const DESCRIBED = [
  { column: 'device_id', type: 'varchar', attribute: 'DIMENSION' },
  { column: 'location', type: 'varchar', attribute: 'DIMENSION' },
  { column: 'measure_name', type: 'varchar', attribute: 'MEASURE_NAME' },
  { column: 'time', type: 'timestamp', attribute: 'TIMESTAMP' },
  { column: 'temperature', type: 'double', attribute: 'MULTI' },
  { column: 'seen_at', type: 'timestamp', attribute: 'MULTI' },
  { column: 'ok', type: 'boolean', attribute: 'MULTI' },
];

describe('recovery: table shape, export SQL, data model, checksums', () => {
  const shape = tableShape(DESCRIBED, '"db"."t"');

  it('exports dimensions, measure_name, the time and timestamps in nanoseconds, and maps them back in the data model', () => {
    expect(exportSql(shape, '"db"."t"', 's3://b/backup/')).toBe(
      `UNLOAD (SELECT "device_id", "location", measure_name, to_nanoseconds(time) AS time_ns, "temperature", to_nanoseconds("seen_at") AS "seen_at", "ok" FROM "db"."t") ` +
        `TO 's3://b/backup/' WITH (format = 'CSV', compression = 'NONE', include_header = 'true')`,
    );
    expect(exportDataModel(shape)).toEqual({
      TimeColumn: 'time_ns',
      TimeUnit: 'NANOSECONDS',
      DimensionMappings: [{ SourceColumn: 'device_id', DestinationColumn: 'device_id' }, { SourceColumn: 'location', DestinationColumn: 'location' }],
      MeasureNameColumn: 'measure_name',
      MultiMeasureMappings: {
        MultiMeasureAttributeMappings: [
          { SourceColumn: 'temperature', TargetMultiMeasureAttributeName: 'temperature', MeasureValueType: 'DOUBLE' },
          { SourceColumn: 'seen_at', TargetMultiMeasureAttributeName: 'seen_at', MeasureValueType: 'TIMESTAMP' },
          { SourceColumn: 'ok', TargetMultiMeasureAttributeName: 'ok', MeasureValueType: 'BOOLEAN' },
        ],
      },
    });
    expect(checksumSql(shape, '"db"."t"', 'device_id')).toBe(
      'SELECT "device_id" AS device, count(*) AS records, min(time) AS first_time, max(time) AS last_time, count("temperature"), round(sum("temperature"), 6), ' +
        'count("seen_at"), sum(to_milliseconds("seen_at")), count("ok"), count_if("ok") FROM "db"."t" GROUP BY "device_id" ORDER BY "device_id"',
    );
  });

  it('refuses single-measure tables and tables without dimensions or measures, naming the table', () => {
    expect(() => tableShape([...DESCRIBED, { column: 'measure_value::double', type: 'double', attribute: 'MEASURE_VALUE' }], '"db"."t"')).toThrow(
      '"db"."t" has single-measure records (measure_value::double); export and import handle multi-measure tables only',
    );
    expect(() => tableShape(DESCRIBED.slice(2), '"db"."t"')).toThrow('"db"."t" has no dimension to export (is it empty?)');
  });

  it('compares devices: a missing device or another checksum is a mismatch', () => {
    const row = (device: string, records: number, sum: number) => ({ device, records: BigInt(records), total: sum });
    const compared = compareDevices([row('a', 2, 1.5), row('b', 3, 2), row('c', 1, 1)], [row('a', 2, 1.5), row('b', 3, 2.5)]);
    expect(compared.map((c) => [c.device, c.source_records, c.copy_records, c.match])).toEqual([['a', 2, 2, 'yes'], ['b', 3, 3, 'NO'], ['c', 1, 0, 'NO']]);
    expect(compared[0].source_checksum).toMatch(/^[0-9a-f]{16}$/);
    expect(compared[2].copy_checksum).toBe('-');
  });

  it('reads s3:// locations and refuses others', () => {
    expect(parseS3Uri('s3://my-bucket/a/b/', 'export')).toEqual({ bucket: 'my-bucket', folder: 'a/b', uri: 's3://my-bucket/a/b' });
    expect(parseS3Uri('s3://my-bucket', 'export')).toEqual({ bucket: 'my-bucket', folder: '', uri: 's3://my-bucket/' });
    expect(() => parseS3Uri('https://x', 'import')).toThrow('import needs an S3 location s3://bucket/folder, got "https://x"');
  });
});
