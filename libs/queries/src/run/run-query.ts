import { CancelQueryCommand, QueryCommand, type ColumnInfo, type QueryStatus, type TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import type { BuiltQuery } from '../builders/built-query';
import { decodeRows } from '../decode/decode-result';
import type { DecodedRow } from '../decode/values';
import { QueryCancelledError, QueryFailedError } from '../errors';

export interface RunQueryOptions {
  /** Rows per page (the Query API's MaxRows); the runner still reads every page. */
  maxRows?: number;
  /** Cancels the query (CancelQuery is sent) when aborted. */
  signal?: AbortSignal;
  /** Cancels the query after this many milliseconds. */
  timeoutMs?: number;
}

export interface QueryResult<Row> {
  queryId: string | undefined;
  columns: ColumnInfo[];
  rows: Row[];
  /** The last page's QueryStatus: progress, bytes scanned and bytes metered. */
  status: QueryStatus | undefined;
  pages: number;
}

/**
 * Runs a query to its end: pages until there is no NextToken (a page may hold no rows while the
 * query runs), decodes every row, and cancels with CancelQuery on abort or timeout.
 */
export async function runQuery<Row = DecodedRow>(
  client: Pick<TimestreamQueryClient, 'send'>,
  query: BuiltQuery<Row> | string,
  options: RunQueryOptions = {},
): Promise<QueryResult<Row>> {
  const sql = typeof query === 'string' ? query : query.sql;
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(new Error(`timed out after ${options.timeoutMs} ms`)), options.timeoutMs);

  const result: QueryResult<Row> = { queryId: undefined, columns: [], rows: [], status: undefined, pages: 0 };
  let nextToken: string | undefined;
  try {
    do {
      if (controller.signal.aborted) throw controller.signal.reason;
      const page = await client.send(
        new QueryCommand({ QueryString: sql, NextToken: nextToken, MaxRows: options.maxRows }),
        { abortSignal: controller.signal },
      );
      result.pages += 1;
      result.queryId ??= page.QueryId;
      if (page.ColumnInfo?.length) result.columns = page.ColumnInfo;
      result.status = page.QueryStatus ?? result.status;
      if (page.Rows?.length) result.rows.push(...(decodeRows(result.columns, page.Rows) as Row[]));
      nextToken = page.NextToken;
    } while (nextToken);
    return result;
  } catch (error) {
    if (controller.signal.aborted) {
      if (result.queryId) await client.send(new CancelQueryCommand({ QueryId: result.queryId })).catch(() => undefined);
      const reason = controller.signal.reason instanceof Error ? controller.signal.reason.message : 'aborted';
      throw new QueryCancelledError(`query ${result.queryId ?? '(not started)'} cancelled: ${reason}`, result.queryId, { cause: error });
    }
    const e = error as { name?: string; message?: string };
    throw new QueryFailedError(`${e.name ?? 'Error'}: ${e.message ?? String(error)}`, { cause: error });
  } finally {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
