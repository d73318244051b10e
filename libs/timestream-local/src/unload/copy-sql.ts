import type { UnloadOptions } from './unload-options';

/** A DuckDB string literal. */
export const sqlString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The options of DuckDB's COPY … TO for one UNLOAD folder: format, CSV dialect, compression, file size, names. */
export function copyOptions(options: UnloadOptions, filePattern: string, extension: string): string {
  const common = [`FILE_SIZE_BYTES ${options.maxFileSize}`, `FILENAME_PATTERN ${sqlString(filePattern)}`, `FILE_EXTENSION ${sqlString(extension)}`];
  if (options.format === 'PARQUET') return ['FORMAT parquet', `COMPRESSION ${options.compression === 'GZIP' ? 'gzip' : 'uncompressed'}`, ...common].join(', ');
  return [
    'FORMAT csv',
    `DELIMITER ${sqlString(options.fieldDelimiter)}`,
    `ESCAPE ${sqlString(options.escapedBy)}`,
    `QUOTE '"'`,
    `HEADER ${options.includeHeader}`,
    `COMPRESSION ${options.compression === 'GZIP' ? 'gzip' : 'none'}`,
    ...common,
  ].join(', ');
}

/** DuckDB's reader of one result file (to count its rows). */
export function readerSql(file: string, options: UnloadOptions): string {
  if (options.format === 'PARQUET') return `read_parquet(${sqlString(file)})`;
  return `read_csv(${sqlString(file)}, delim = ${sqlString(options.fieldDelimiter)}, escape = ${sqlString(options.escapedBy)}, quote = '"', header = ${options.includeHeader}, compression = ${sqlString(options.compression === 'GZIP' ? 'gzip' : 'none')}, all_varchar = true)`;
}
