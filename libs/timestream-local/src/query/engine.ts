import type { Statement } from './ast';
import type { CatalogTable, QueryStorage } from './catalog';
import { holdsBytes, parseDuckType } from './duck-type';
import { QueryCancelledError, QueryExecutionError, QueryValidationError, engineMessage } from './errors';
import { runMetadataStatement, type MaterializedResult } from './metadata-statements';
import { parseStatement } from './parser';
import { NOW_PLACEHOLDER, templateTables, withValues, type CachedPlan, type PlanCache, type TemplatedTables } from './plan-cache';
import { canonicalSql, resultType, type ResultType } from './result-types';
import { quoteIdent } from './translate/sql-text';
import { resolveTables } from './translate/resolved-tables';
import { timestampLiteral, translate } from './translate/translator';

export interface EngineOptions {
  storage: QueryStorage;
  /** the query's notion of now (ago(), now(), bin of now ...); default new Date() */
  now?: Date;
  /** plans made before, reused while the query text and its tables' columns stay the same (./plan-cache) */
  cache?: PlanCache;
}

export interface QueryParameter {
  name: string;
  type: ResultType;
}

/** A statement that was parsed, resolved and typed, ready to run. */
export interface PlannedQuery {
  statement: Statement;
  columns: Array<{ name: string; type: ResultType; aliased?: boolean }>;
  parameters: QueryParameter[];
  /** the tables the query reads (empty for SHOW / DESCRIBE and constant queries) */
  tablesRead: CatalogTable[];
  /** true for SHOW and DESCRIBE */
  metadata: boolean;
  /** the DuckDB SQL that is run (undefined for SHOW / DESCRIBE) */
  duckSql?: string;
  /** for UNLOAD: the query as `(<sql>) AS __q(c0, c1, …)`, and per column its value as DuckDB typed it (`__q."c0"`) and
   *  its canonical text form (what Query answers) */
  source?: { from: string; raw: string[]; canonical: string[] };
  run(signal?: AbortSignal): Promise<MaterializedResult>;
}

const GENERIC_FAILURE = 'The query could not be run: it uses a combination of functions and types that timestream-local does not support.';
/** DuckDB refuses SQL nested deeper than its max_expression_depth (1000); the translation can nest a little deeper than the query. */
const TOO_DEEP_FOR_DUCKDB = /Max expression depth limit of \d+ exceeded/;
const TOO_DEEP = 'The query could not be run: it is nested too deeply (about 1000 levels of operators, function calls and subqueries once translated); for a long list of alternatives use IN (...).';

async function runStorage(storage: QueryStorage, sql: string, signal: AbortSignal | undefined, compile: boolean) {
  try {
    return await storage.runQuery(sql, signal);
  } catch (cause) {
    if (signal?.aborted) throw new QueryCancelledError(undefined, { cause });
    const own = engineMessage(cause) ?? engineMessage((cause as { cause?: unknown })?.cause);
    if (own !== undefined) throw new QueryValidationError(own, { cause });
    if (TOO_DEEP_FOR_DUCKDB.test(String(cause)) || TOO_DEEP_FOR_DUCKDB.test(String((cause as { cause?: unknown })?.cause))) throw new QueryValidationError(TOO_DEEP, { cause });
    if (compile) throw new QueryValidationError(GENERIC_FAILURE, { cause });
    throw new QueryExecutionError('The query failed while running.', { cause });
  }
}

/** Parses, translates and types a Timestream statement (without running a SELECT). */
export async function planQuery(sql: string, options: EngineOptions): Promise<PlannedQuery> {
  const cached = options.cache?.get(sql);
  const statement = cached?.statement ?? parseStatement(sql).statement;
  const storage = options.storage;
  if (statement.kind !== 'query') {
    const result = await runMetadataStatement(statement, storage);
    return {
      statement,
      columns: result.columns,
      parameters: [],
      tablesRead: [],
      metadata: true,
      run: async () => result,
    };
  }
  const now = options.now ?? new Date();
  const resolved = await resolveTables(statement, storage);
  const templated = templateTables(resolved);
  const values: TemplatedTables['values'] = [[NOW_PLACEHOLDER, timestampLiteral(now)], ...templated.values];
  const plan = cached?.signature === templated.signature ? cached : await newPlan(statement, templated, values, storage);
  if (plan !== cached) options.cache?.set(sql, plan);
  const translated = { sql: withValues(plan.sql, values), columns: plan.columns };
  // the same tables as the plan was made with (the signature says so), as this query resolved them
  const tablesRead = plan.tablesRead.flatMap((key) => {
    const entry = resolved.get(key);
    return entry?.kind === 'found' ? [entry.table] : [];
  });
  const duckTypes = plan.duckTypes;
  const names = translated.columns.map((_, i) => `c${i}`);
  const columns = translated.columns.map((c, i) => ({ name: c.name, type: resultType(duckTypes[i], c.type), aliased: c.aliased }));
  const raw = names.map((n) => `__q.${quoteIdent(n)}`);
  const canonical = raw.map((r, i) => canonicalSql(r, duckTypes[i]) ?? r);
  const from = `(${translated.sql}) AS __q(${names.map(quoteIdent).join(', ')})`;
  // a day-to-second column whose exact nanoseconds the query added beside it is answered from those (UNLOAD keeps the INTERVAL)
  const answered = translated.columns.map((c, i) => (c.exactNanos ? `CAST(__q.${quoteIdent(c.exactNanos)} AS VARCHAR)` : canonical[i]));
  const duckSql = `SELECT ${answered.map((c, i) => `${c} AS ${quoteIdent(names[i])}`).join(', ')} FROM ${from}`;
  return {
    statement,
    columns,
    parameters: [],
    tablesRead,
    metadata: false,
    duckSql,
    source: { from, raw, canonical },
    run: async (signal?: AbortSignal) => {
      const result = await runStorage(storage, duckSql, signal, false);
      return { columns, rows: result.rows };
    },
  };
}

/** Translates with placeholders for the query's time, and types the columns with a DuckDB run that returns no row. */
async function newPlan(statement: Extract<Statement, { kind: 'query' }>, templated: TemplatedTables, values: TemplatedTables['values'], storage: QueryStorage): Promise<CachedPlan> {
  const translated = translate(statement, { tables: templated.tables, now: new Date(0), nowSql: NOW_PLACEHOLDER });
  const names = translated.columns.map((_, i) => `c${i}`);
  const typed = await runStorage(storage, `SELECT * FROM (${withValues(translated.sql, values)}) AS __q(${names.map(quoteIdent).join(', ')}) LIMIT 0`, undefined, true);
  const duckTypes = typed.columns.map((c) => parseDuckType(c.duckType));
  const binary = duckTypes.findIndex(holdsBytes);
  if (binary >= 0) {
    throw new QueryValidationError(`Column '${translated.columns[binary].name}' is VARBINARY, which a query answer cannot hold (its ScalarType has no VARBINARY): `
      + 'return it as text with to_hex, to_base64 or from_utf8');
  }
  const tablesRead = translated.tablesRead.map((t) => templated.keyOf.get(t) as string);
  return { statement, signature: templated.signature, sql: translated.sql, columns: translated.columns, tablesRead, duckTypes };
}

const COLUMN_BYTES: Record<string, number> = { VARCHAR: 16, DOUBLE: 8, BIGINT: 8, BOOLEAN: 1, TIMESTAMP: 8 };

/**
 * Bytes scanned, estimated as the rows of each table read times the width of its columns: from the table's statistics
 * when the storage gives them (a count of a 10-million-row table would add tens of ms to every query), else counted.
 */
export async function estimateBytesScanned(storage: QueryStorage, tables: CatalogTable[], signal?: AbortSignal): Promise<number> {
  let total = 0;
  for (const table of tables) {
    const counted = await runStorage(storage, table.estimatedRowsSql ?? `SELECT count(*) FROM ${table.relationSql}`, signal, false);
    const rows = Number(counted.rows[0]?.[0] ?? 0);
    const width = table.columns.reduce((sum, c) => sum + (COLUMN_BYTES[c.type] ?? 8), 0);
    total += rows * width;
  }
  return total;
}

/** Parses and resolves a statement for PrepareQuery: result columns and parameters, without running it. */
export async function describeQuery(sql: string, options: EngineOptions): Promise<{ columns: PlannedQuery['columns']; parameters: QueryParameter[] }> {
  const { statement, parameterCount } = parseStatement(sql);
  if (parameterCount === 0) {
    const planned = await planQuery(sql, options);
    return { columns: planned.columns, parameters: [] };
  }
  const parameters: QueryParameter[] = [];
  collectParameters(statement, parameters);
  const planned = await planQuery(sql, options);
  return { columns: planned.columns, parameters };
}

function collectParameters(node: unknown, out: QueryParameter[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectParameters(item, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.kind === 'param' && typeof record.name === 'string') {
    if (!out.some((p) => p.name === record.name)) out.push({ name: record.name, type: { kind: 'scalar', scalar: 'TIMESTAMP' } });
    return;
  }
  for (const value of Object.values(record)) collectParameters(value, out);
}
