import { performance } from 'node:perf_hooks';
import type { Datum } from '@aws-sdk/client-timestream-query';
import { ServiceError } from '../errors';
import type { QueryStorage } from '../query/catalog';
import { encodeRow } from '../query/encode';
import { estimateBytesScanned, planQuery } from '../query/engine';
import { QueryExecutionError, QueryValidationError } from '../query/errors';
import type { RunRecord, ScheduledQueryRecord } from './definition';
import { errorReportKey, newReportId, recordErrors, type ReportError } from './error-report';
import { RunFailure } from './errors';
import type { ObjectStore } from '../objects/object-store';
import { mappingColumnProblems } from './mapping-columns';
import { writeMappedRecords, type WriteRecordsFn } from './result-writer';
import { mapResultRows } from './row-mapper';

export interface RunDependencies {
  storage: QueryStorage;
  write: WriteRecordsFn;
  now(): Date;
  /** where error reports go (the configured S3, or `<dataDir>/s3/...`); none are written without it */
  objects?: ObjectStore;
}

export interface RunRequest {
  invocationMs: number;
  manual: boolean;
  insights: boolean;
  /** the record version this run writes */
  version: number;
}

/** Bytes a query is metered for at least (as Query answers). */
const METERED_MINIMUM = 10_000_000;

interface Progress {
  rows: number;
  bytesScanned: number;
  ingested: number;
  writtenBytes: number;
  queried: boolean;
}

/** Why a run failed, in the words a client sees (engine texts as Query words them; nothing from DuckDB). */
function failureOf(error: unknown): RunFailure {
  if (error instanceof RunFailure) return error;
  if (error instanceof QueryValidationError) return new RunFailure(error.message, false, { cause: error });
  if (error instanceof QueryExecutionError) return new RunFailure(`Timestream was unable to run the query successfully. ${error.message}`, false, { cause: error });
  if (error instanceof ServiceError && error.httpStatus < 500) return new RunFailure(error.message, false, { cause: error });
  return new RunFailure('The scheduled query run failed because of an internal error; it was not the query\'s fault.', true, { cause: error });
}

/**
 * One run of a scheduled query as of `invocationMs` (@scheduled_runtime, and the query's now()): runs the query,
 * maps its rows onto the target table and writes them through WriteRecords with the run's version. Rows or records
 * that cannot be written make the run fail with an error report while the others are written; a query or write
 * that fails as a whole makes it fail without writing (see RunFailure for which failures disable it).
 */
export async function runScheduledQuery(query: ScheduledQueryRecord, request: RunRequest, deps: RunDependencies): Promise<{ run: RunRecord; disable: boolean }> {
  const triggerTime = deps.now().getTime();
  const started = performance.now();
  const progress: Progress = { rows: 0, bytesScanned: 0, ingested: 0, writtenBytes: 0, queried: false };
  const status = (ok: boolean) => `${request.manual ? 'MANUAL' : 'AUTO'}_TRIGGER_${ok ? 'SUCCESS' : 'FAILURE'}` as const;
  const summary = (ok: boolean, extra: Partial<RunRecord> = {}): RunRecord => ({
    invocationTime: request.invocationMs,
    triggerTime,
    runStatus: status(ok),
    executionStats: {
      ExecutionTimeInMillis: Math.round(performance.now() - started),
      DataWrites: Math.ceil(progress.writtenBytes / 1024) * 1024,
      BytesMetered: progress.queried ? Math.max(METERED_MINIMUM, progress.bytesScanned) : 0,
      CumulativeBytesScanned: progress.bytesScanned,
      RecordsIngested: progress.ingested,
      QueryResultRows: progress.rows,
    },
    ...extra,
  });
  const report = async (errors: ReportError[]): Promise<NonNullable<RunRecord['errorReportLocation']>> => {
    const bucketName = query.errorReport.S3Configuration?.BucketName as string;
    const objectKey = errorReportKey(query.errorReport, query.arn, request.invocationMs, request.manual, triggerTime);
    if (deps.objects) await deps.objects.putObject(bucketName, objectKey, `${JSON.stringify({ reportId: newReportId(), errors }, null, 2)}\n`, 'application/json');
    return { bucketName, objectKey };
  };

  try {
    const planned = await planQuery(query.queryString, { storage: deps.storage, now: new Date(request.invocationMs) });
    if (planned.metadata) throw new RunFailure('A scheduled query must be a SELECT query.', false);
    const problems = query.target ? mappingColumnProblems(query.target, planned.columns) : [];
    if (problems.length > 0) throw new RunFailure(`The query result does not fit the TargetConfiguration: ${problems.join('; ')}.`, false);
    const result = await planned.run();
    progress.queried = true;
    const types = planned.columns.map((c) => c.type);
    const rows: Datum[][] = result.rows.map((r) => encodeRow(r, types).Data ?? []);
    progress.rows = rows.length;
    progress.bytesScanned = await estimateBytesScanned(deps.storage, planned.tablesRead);
    const insights = request.insights
      ? { queryInsights: { queryTableCount: planned.tablesRead.length, outputRows: rows.length, outputBytes: rows.reduce((n, r) => n + JSON.stringify(r).length, 0) } }
      : {};
    if (!query.target) return { run: summary(true, insights), disable: false };

    const target = query.target;
    const { records, rowErrors } = mapResultRows(target, planned.columns, rows, request.version);
    const outcome = await writeMappedRecords(deps.write, target.DatabaseName as string, target.TableName as string, records);
    progress.ingested = outcome.ingested;
    progress.writtenBytes = outcome.bytes;
    if (rowErrors.length === 0 && outcome.rejected.length === 0) return { run: summary(true, insights), disable: false };
    const errors: ReportError[] = [...recordErrors(outcome.rejected), ...rowErrors.map((e) => ({ reason: e.reason, rawLine: e.rawLine }))];
    const location = await report(errors);
    const failureReason = `${outcome.rejected.length} of ${records.length} records and ${rowErrors.length} of ${rows.length} result rows could not be written to ${target.DatabaseName}.${target.TableName}; see the error report at s3://${location.bucketName}/${location.objectKey}.`;
    return { run: summary(false, { ...insights, errorReportLocation: location, failureReason }), disable: false };
  } catch (error) {
    const failure = failureOf(error);
    if (!failure.recoverable) return { run: summary(false, { failureReason: failure.message }), disable: true };
    const location = await report([{ reason: failure.message }]).catch(() => undefined);
    return { run: summary(false, { failureReason: failure.message, ...(location ? { errorReportLocation: location } : {}) }), disable: false };
  }
}
