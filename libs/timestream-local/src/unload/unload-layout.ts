import type { ColumnInfo } from '@aws-sdk/client-timestream-query';
import type { UnloadOptions } from './unload-options';

/** One object written under `<prefix>results/`. */
export interface ResultFile {
  key: string;
  bytes: number;
  rows: number;
}

/** The name Hive-style partition folders give a NULL value. */
export const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';

/** `results/col=value/…/`: the folder of one partition (values as text, `/` escaped). */
export function partitionFolder(columns: readonly string[], values: ReadonlyArray<string | null>): string {
  return columns.map((c, i) => `${c}=${values[i] === null ? NULL_PARTITION : encodeURIComponent(values[i] as string)}/`).join('');
}

/** The extension of a result file: `.csv`, `.csv.gz` or `.parquet` (a Parquet file compresses its pages inside). */
export function resultExtension(options: Pick<UnloadOptions, 'format' | 'compression'>): string {
  if (options.format === 'PARQUET') return 'parquet';
  return options.compression === 'GZIP' ? 'csv.gz' : 'csv';
}

/** `<prefix><queryId>_manifest.json` and `<prefix><queryId>_metadata.json`, beside the `results/` folder. */
export function manifestKey(prefix: string, queryId: string): string {
  return `${prefix}${queryId}_manifest.json`;
}
export function metadataKey(prefix: string, queryId: string): string {
  return `${prefix}${queryId}_metadata.json`;
}

/** The manifest as the service writes it: every result file with its size and rows, the totals, the author. */
export function buildManifest(bucket: string, files: readonly ResultFile[], format: UnloadOptions['format']) {
  return {
    result_files: files.map((f) => ({ url: `s3://${bucket}/${f.key}`, file_metadata: { content_length_in_bytes: f.bytes, row_count: f.rows } })),
    query_metadata: {
      total_content_length_in_bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      total_row_count: files.reduce((sum, f) => sum + f.rows, 0),
      result_format: format,
      result_version: 'Amazon Timestream version 1.0.0',
    },
    author: { name: 'Amazon Timestream', manifest_file_version: '1.0' },
  };
}

/** The metadata file: the ColumnInfo of the columns in the result files (the partition columns are in the folder names). */
export function buildMetadata(columns: readonly ColumnInfo[]) {
  return { ColumnInfo: columns, Author: { Name: 'Amazon Timestream', MetadataFileVersion: '1.0' } };
}
