import type { ColumnInfo } from '@aws-sdk/client-timestream-query';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ObjectStore } from '../objects/object-store';
import type { QueryStorage } from '../query/catalog';
import type { PlannedQuery } from '../query/engine';
import { QueryValidationError } from '../query/errors';
import { toSdkType } from '../query/result-types';
import { quoteIdent } from '../query/translate/sql-text';
import { copyOptions, readerSql, sqlString } from './copy-sql';
import { buildManifest, buildMetadata, manifestKey, metadataKey, partitionFolder, resultExtension, type ResultFile } from './unload-layout';
import type { UnloadStatement } from './unload-statement';

/** The service's limit on the partitions one UNLOAD writes. */
export const MAX_PARTITIONS = 100;

export interface UnloadRun {
  statement: UnloadStatement;
  /** the planned SELECT */
  planned: PlannedQuery;
  storage: QueryStorage;
  objects: ObjectStore;
  queryId: string;
  signal?: AbortSignal;
}

/** What UNLOAD answers: one row (rows, metadataFile, manifestFile). */
export interface UnloadOutcome {
  rows: number;
  metadataFile: string;
  manifestFile: string;
}

/** The columns of UNLOAD's answer, as the service returns them. */
export const UNLOAD_COLUMNS = [
  { name: 'rows', type: { kind: 'scalar', scalar: 'BIGINT' } },
  { name: 'metadataFile', type: { kind: 'scalar', scalar: 'VARCHAR' } },
  { name: 'manifestFile', type: { kind: 'scalar', scalar: 'VARCHAR' } },
] as const;

function partitionIndexes(statement: UnloadStatement, planned: PlannedQuery): number[] {
  const names = planned.columns.map((c) => c.name);
  const indexes = statement.options.partitionedBy.map((p) => {
    const i = names.indexOf(p);
    if (i < 0) throw new QueryValidationError(`UNLOAD: partitioned_by column ${p} is not a column of the SELECT statement (its columns: ${names.join(', ')}).`);
    return i;
  });
  if (new Set(indexes).size !== indexes.length) throw new QueryValidationError('UNLOAD: partitioned_by names a column more than once.');
  if (indexes.length === names.length) throw new QueryValidationError('UNLOAD: at least one column of the SELECT statement must not be a partition column.');
  return indexes;
}

/** Objects that could not be written fail the query with the store's reason (a missing bucket, S3 unreachable). */
function reportingFailures(objects: ObjectStore): ObjectStore {
  return {
    ...objects,
    putObject: (bucket, key, body, contentType) =>
      objects.putObject(bucket, key, body, contentType).catch((cause: unknown) => {
        throw new QueryValidationError(`UNLOAD could not write its results: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
      }),
  };
}

/** Runs the SELECT into result files with DuckDB's COPY, puts them, the manifest and the metadata into S3. */
export async function runUnload(run: UnloadRun): Promise<UnloadOutcome> {
  const { statement, planned, storage, queryId, signal } = run;
  const objects = reportingFailures(run.objects);
  const source = planned.source;
  if (!source) throw new QueryValidationError('UNLOAD: the statement in parentheses must be a SELECT query.');
  const { options, bucket, prefix } = statement;
  const parts = partitionIndexes(statement, planned);
  const fileColumns = planned.columns.map((c, i) => ({ ...c, i })).filter((c) => !parts.includes(c.i));
  // CSV holds the values as Query answers them (timestamps as text); Parquet keeps DuckDB's types
  const value = (i: number) => (options.format === 'CSV' ? source.canonical[i] : source.raw[i]);
  const select = fileColumns.map((c) => `${value(c.i)} AS ${quoteIdent(c.name)}`).join(', ');
  const text = (i: number) => `CAST(${source.canonical[i]} AS VARCHAR)`;

  let partitions: Array<Array<string | null>> = [[]];
  if (parts.length > 0) {
    const distinct = await storage.runQuery(`SELECT DISTINCT ${parts.map(text).join(', ')} FROM ${source.from} LIMIT ${MAX_PARTITIONS + 1}`, signal);
    partitions = distinct.rows.map((row) => row.map((v) => (v === null ? null : String(v))));
    if (partitions.length > MAX_PARTITIONS) throw new QueryValidationError(`UNLOAD: the query would write more than ${MAX_PARTITIONS} partitions (partitioned_by ${options.partitionedBy.join(', ')}); UNLOAD writes at most ${MAX_PARTITIONS}.`);
  }

  const work = await mkdtemp(path.join(tmpdir(), 'timestream-unload-'));
  try {
    const files: ResultFile[] = [];
    const extension = resultExtension(options);
    const contentType = options.format === 'PARQUET' ? 'application/octet-stream' : options.compression === 'GZIP' ? 'application/gzip' : 'text/csv';
    for (const [n, values] of partitions.entries()) {
      const where = parts.map((p, k) => (values[k] === null ? `${text(p)} IS NULL` : `${text(p)} = ${sqlString(values[k] as string)}`));
      const dir = path.join(work, String(n));
      const copied = await storage.runQuery(
        `COPY (SELECT ${select} FROM ${source.from}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}) TO ${sqlString(dir)} (${copyOptions(options, `${queryId}_${n}_{i}`, extension)})`,
        signal,
      );
      const copiedRows = Number(copied.rows[0]?.[0] ?? 0);
      if (copiedRows === 0) continue;
      const names = (await readdir(dir)).sort();
      for (const name of names) {
        const file = path.join(dir, name);
        const rows = names.length === 1 ? copiedRows : Number((await storage.runQuery(`SELECT count(*) FROM ${readerSql(file, options)}`, signal)).rows[0]?.[0] ?? 0);
        const { size } = await stat(file);
        const key = `${prefix}results/${partitionFolder(options.partitionedBy, values)}${name}`;
        await objects.putObject(bucket, key, { file, size }, contentType);
        files.push({ key, bytes: size, rows });
      }
    }
    const columnInfo: ColumnInfo[] = fileColumns.map((c) => ({ Name: c.name, Type: toSdkType(c.type) }));
    const metadata = metadataKey(prefix, queryId);
    const manifest = manifestKey(prefix, queryId);
    await objects.putObject(bucket, metadata, `${JSON.stringify(buildMetadata(columnInfo))}\n`, 'application/json');
    await objects.putObject(bucket, manifest, `${JSON.stringify(buildManifest(bucket, files, options.format))}\n`, 'application/json');
    return { rows: files.reduce((sum, f) => sum + f.rows, 0), metadataFile: `s3://${bucket}/${metadata}`, manifestFile: `s3://${bucket}/${manifest}` };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
