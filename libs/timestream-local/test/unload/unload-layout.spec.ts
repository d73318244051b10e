import { buildManifest, manifestKey, metadataKey, NULL_PARTITION, partitionFolder, resultExtension } from '../../src/unload/unload-layout';

describe('the UNLOAD layout', () => {
  it('names the manifest and metadata beside results/, and the files by format', () => {
    expect(manifestKey('exports/day-1/', 'Q1')).toBe('exports/day-1/Q1_manifest.json');
    expect(metadataKey('', 'Q1')).toBe('Q1_metadata.json');
    expect([resultExtension({ format: 'CSV', compression: 'GZIP' }), resultExtension({ format: 'CSV', compression: 'NONE' }), resultExtension({ format: 'PARQUET', compression: 'GZIP' })]).toEqual(['csv.gz', 'csv', 'parquet']);
  });

  it('writes partition folders as column=value, NULL as Hive does, and escapes what would split a key', () => {
    expect(partitionFolder(['device_id', 'hour'], ['sensor/1', null])).toBe(`device_id=sensor%2F1/hour=${NULL_PARTITION}/`);
  });

  it('totals the files in the manifest', () => {
    const manifest = buildManifest('bkt', [{ key: 'p/results/a.csv', bytes: 10, rows: 2 }, { key: 'p/results/b.csv', bytes: 5, rows: 1 }], 'CSV');
    expect(manifest.result_files[1]).toEqual({ url: 's3://bkt/p/results/b.csv', file_metadata: { content_length_in_bytes: 5, row_count: 1 } });
    expect(manifest.query_metadata).toEqual({ total_content_length_in_bytes: 15, total_row_count: 3, result_format: 'CSV', result_version: 'Amazon Timestream version 1.0.0' });
  });
});
