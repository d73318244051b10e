import type { CancelQueryResponse, ColumnInfo, PrepareQueryResponse, QueryResponse, Row } from '@aws-sdk/client-timestream-query';
import type { QueryStorage } from './catalog';
import { encodedRowLength, encodeRow } from './encode';
import { describeQuery, estimateBytesScanned, planQuery, type PlannedQuery } from './engine';
import { QueryCancelledError, QueryValidationError } from './errors';
import { PlanCache } from './plan-cache';
import { newPaginationToken, newQueryId } from './query-id';
import { toSdkType } from './result-types';
import type { ObjectStore } from '../objects/object-store';
import { planUnload } from '../unload/plan-unload';
import { isUnload } from '../unload/unload-statement';

export interface QueryServiceOptions {
  /** how long a NextToken stays valid after it was issued (ms); default 10 minutes */
  tokenTtlMs?: number;
  /** largest page (bytes of encoded rows); default 1 MB, the service's limit */
  maxPageBytes?: number;
  /** how long Query waits for a result before answering an empty first page with a NextToken; default 30 s;
   *  0 always answers an empty first page (to test clients' paging loops) */
  firstPageWaitMs?: number;
  /** how many finished results are kept for paging at most; default 64 */
  maxCachedResults?: number;
  /** where UNLOAD writes its results (UNLOAD is refused without it) */
  objects?: ObjectStore;
  clock?: () => number;
}

export interface QueryInput {
  QueryString?: string;
  NextToken?: string;
  MaxRows?: number;
  ClientToken?: string;
}

interface Execution {
  queryId: string;
  queryString: string;
  columnInfo: ColumnInfo[];
  planned: PlannedQuery;
  abort: AbortController;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  result?: { rows: Row[]; sizes: number[] };
  error?: unknown;
  done: Promise<void>;
  bytesScanned: number;
  expiresAt: number;
}

const METERED_MINIMUM = 10_000_000;
const MAX_ENDED = 10_000;
const INVALID_TOKEN = 'Invalid pagination token';

function requireString(value: unknown, member: string, max: number): string {
  if (typeof value !== 'string' || value.length < 1) throw new QueryValidationError(`${member} must be a non-empty string`);
  if (value.length > max) throw new QueryValidationError(`${member} must be at most ${max} characters`);
  return value;
}

/** Query, CancelQuery and PrepareQuery over one storage, with results cached for NextToken paging. */
export class QueryService {
  /** running queries and results with pages still to fetch */
  private readonly executions = new Map<string, Execution>();
  /** how recent queries ended, for CancelQuery's answers (bounded) */
  private readonly ended = new Map<string, Execution['state']>();
  private readonly tokens = new Map<string, { queryId: string; offset: number; expiresAt: number }>();
  private readonly tokenTtlMs: number;
  private readonly maxPageBytes: number;
  private readonly firstPageWaitMs: number;
  private readonly maxCachedResults: number;
  private readonly clock: () => number;
  private readonly objects: ObjectStore | undefined;
  /** plans of recent query texts (a dashboard asks the same queries again and again) */
  private readonly plans = new PlanCache();

  constructor(private readonly storage: QueryStorage, options: QueryServiceOptions = {}) {
    this.tokenTtlMs = options.tokenTtlMs ?? 10 * 60_000;
    this.maxPageBytes = options.maxPageBytes ?? 1_000_000;
    this.firstPageWaitMs = options.firstPageWaitMs ?? 30_000;
    this.maxCachedResults = options.maxCachedResults ?? 64;
    this.clock = options.clock ?? Date.now;
    this.objects = options.objects;
  }

  async query(input: QueryInput, now: Date): Promise<QueryResponse> {
    this.evictExpired();
    const queryString = requireString(input.QueryString, 'QueryString', 262144);
    const maxRows = input.MaxRows;
    if (maxRows !== undefined && (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > 1000)) {
      throw new QueryValidationError('MaxRows must be an integer between 1 and 1000');
    }
    if (input.NextToken !== undefined) {
      const token = this.tokens.get(input.NextToken);
      const execution = token && this.executions.get(token.queryId);
      if (!token || !execution || token.expiresAt <= this.clock() || execution.queryString !== queryString) {
        throw new QueryValidationError(INVALID_TOKEN);
      }
      await execution.done;
      return this.page(execution, token.offset, maxRows);
    }
    const unload = isUnload(queryString) ? await planUnload(queryString, { storage: this.storage, objects: this.objects, now }) : undefined;
    const planned = unload ?? (await planQuery(queryString, { storage: this.storage, now, cache: this.plans }));
    const execution = this.start(planned, queryString, unload?.queryId);
    // 0 means: always answer an empty first page (as the service may), for testing clients' paging loops
    const finished = this.firstPageWaitMs > 0 && (await Promise.race([
      execution.done.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), this.firstPageWaitMs).unref()),
    ]));
    if (!finished) {
      return {
        QueryId: execution.queryId,
        NextToken: this.issueToken(execution, 0),
        Rows: [],
        ColumnInfo: execution.columnInfo,
        QueryStatus: { ProgressPercentage: 0, CumulativeBytesScanned: 0, CumulativeBytesMetered: planned.metadata ? 0 : METERED_MINIMUM },
      };
    }
    return this.page(execution, 0, maxRows);
  }

  async cancel(input: { QueryId?: string }): Promise<CancelQueryResponse> {
    const queryId = requireString(input.QueryId, 'QueryId', 256);
    const execution = this.executions.get(queryId);
    const state = execution?.state ?? this.ended.get(queryId);
    if (!state) throw new QueryValidationError(`QueryId ${queryId} is not valid.`);
    if (state === 'cancelled') return { CancellationMessage: `Query ${queryId} has already been cancelled.` };
    if (!execution || state !== 'running') return { CancellationMessage: `Query ${queryId} has already completed.` };
    execution.state = 'cancelled';
    execution.abort.abort();
    return {};
  }

  async prepare(input: { QueryString?: string; ValidateOnly?: boolean }, now: Date): Promise<PrepareQueryResponse> {
    const queryString = requireString(input.QueryString, 'QueryString', 262144);
    if (input.ValidateOnly !== true) throw new QueryValidationError('PrepareQuery is supported only with ValidateOnly set to true');
    const described = await describeQuery(queryString, { storage: this.storage, now });
    return {
      QueryString: queryString,
      Columns: described.columns.map((c) => ({ Name: c.name, Type: toSdkType(c.type), Aliased: c.aliased ?? false })),
      Parameters: described.parameters.map((p) => ({ Name: p.name, Type: toSdkType(p.type) })),
    };
  }

  /** Start running; the execution is kept for paging until its tokens expire. */
  private start(planned: PlannedQuery, queryString: string, queryId = newQueryId()): Execution {
    const abort = new AbortController();
    const types = planned.columns.map((c) => c.type);
    const execution: Execution = {
      queryId,
      queryString,
      columnInfo: planned.columns.map((c) => ({ Name: c.name, Type: toSdkType(c.type) })),
      planned,
      abort,
      state: 'running',
      done: Promise.resolve(),
      bytesScanned: 0,
      expiresAt: this.clock() + this.tokenTtlMs,
    };
    // the bytes-scanned estimate reads the tables' statistics beside the query, not after it
    execution.done = Promise.all([planned.run(abort.signal), estimateBytesScanned(this.storage, planned.tablesRead, abort.signal)]).then(
      ([result, bytesScanned]) => {
        if (execution.state === 'cancelled') return;
        const rows = result.rows.map((r) => encodeRow(r, types));
        const sizes = rows.map(encodedRowLength);
        execution.bytesScanned = bytesScanned;
        execution.result = { rows, sizes };
        execution.state = 'done';
      },
    ).catch((error: unknown) => {
      if (execution.state === 'cancelled') return;
      execution.state = 'failed';
      execution.error = error;
    });
    this.executions.set(execution.queryId, execution);
    while (this.executions.size > this.maxCachedResults) {
      const values = [...this.executions.values()];
      this.retire(values.find((e) => e.state !== 'running') ?? values[0]);
    }
    return execution;
  }

  private page(execution: Execution, offset: number, maxRows: number | undefined): QueryResponse {
    if (execution.state === 'cancelled') throw new QueryCancelledError(`Query ${execution.queryId} was cancelled.`);
    if (execution.state === 'failed') throw execution.error;
    const { rows, sizes } = execution.result as NonNullable<Execution['result']>;
    let end = offset;
    let bytes = 0;
    const limit = maxRows ?? Number.POSITIVE_INFINITY;
    while (end < rows.length && end - offset < limit) {
      if (end > offset && bytes + sizes[end] > this.maxPageBytes) break;
      bytes += sizes[end];
      end++;
    }
    const metered = execution.planned.metadata ? 0 : Math.max(METERED_MINIMUM, execution.bytesScanned);
    const pageRows = rows.slice(offset, end);
    // a result served whole in one page is never asked for again: keep only how it ended (for CancelQuery)
    if (offset === 0 && end >= rows.length) this.retire(execution);
    return {
      QueryId: execution.queryId,
      NextToken: end < rows.length ? this.issueToken(execution, end) : undefined,
      Rows: pageRows,
      ColumnInfo: execution.columnInfo,
      QueryStatus: { ProgressPercentage: 100, CumulativeBytesScanned: execution.bytesScanned, CumulativeBytesMetered: metered },
    };
  }

  private issueToken(execution: Execution, offset: number): string {
    const token = newPaginationToken();
    const expiresAt = this.clock() + this.tokenTtlMs;
    this.tokens.set(token, { queryId: execution.queryId, offset, expiresAt });
    execution.expiresAt = Math.max(execution.expiresAt, expiresAt);
    return token;
  }

  private evictExpired(): void {
    const now = this.clock();
    for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
    for (const execution of this.executions.values()) {
      if (execution.expiresAt <= now && execution.state !== 'running') this.retire(execution);
    }
  }

  private retire(execution: Execution): void {
    this.executions.delete(execution.queryId);
    this.ended.set(execution.queryId, execution.state);
    while (this.ended.size > MAX_ENDED) this.ended.delete(this.ended.keys().next().value as string);
  }
}
