import { randomBytes } from 'node:crypto';
import type { Statement } from './ast';
import type { CatalogTable } from './catalog';
import type { DuckType } from './duck-type';
import type { ResolvedTable, ResolvedTables } from './translate/resolved-tables';
import type { Translation } from './translate/translator';

/**
 * A query's plan without its time: the translation and the DuckDB types of its columns depend on the query text and
 * the catalog (columns, measures), never on the query's "now" or on a table's retention cutoff, which change from one
 * query to the next. The plan is made once with placeholders for those, and each query puts its own values back: a
 * dashboard polling the same queries skips the parse, the translation and DuckDB's typing run (milliseconds each).
 */
export interface CachedPlan {
  statement: Statement;
  /** what the plan depends on besides the text: the tables it names, each without its retention cutoff */
  signature: string;
  /** the translated SQL, with the placeholders */
  sql: string;
  columns: Translation['columns'];
  /** the resolved tables the query reads, by their key in ResolvedTables */
  tablesRead: string[];
  duckTypes: DuckType[];
}

/** Per process, so that no query text can hold a placeholder by chance. */
const NONCE = randomBytes(8).toString('hex');
/** Stands for the query's "now" in a cached translation. */
export const NOW_PLACEHOLDER = `__tl_now_${NONCE}__`;
const cutoffPlaceholder = (i: number) => `__tl_cutoff_${NONCE}_${i}__`;

/** The resolved tables with their retention cutoffs replaced by placeholders, the values to put back, and the signature. */
export interface TemplatedTables {
  tables: ResolvedTables;
  /** placeholder → its value in this query (the now placeholder is the caller's) */
  values: Array<[placeholder: string, value: string]>;
  signature: string;
  /** a templated table's key in the resolved tables */
  keyOf: Map<CatalogTable, string>;
}

export function templateTables(resolved: ResolvedTables): TemplatedTables {
  const tables = new Map<string, ResolvedTable>();
  const values: TemplatedTables['values'] = [];
  const keyOf = new Map<CatalogTable, string>();
  const parts: unknown[] = [];
  for (const [key, entry] of resolved) {
    if (entry.kind === 'missing') {
      tables.set(key, entry);
      parts.push([key, entry]);
      continue;
    }
    const cutoff = entry.table.retentionCutoffSql;
    let table = entry.table;
    if (cutoff !== undefined && table.relationSql.includes(cutoff)) {
      const placeholder = cutoffPlaceholder(values.length);
      values.push([placeholder, cutoff]);
      table = { ...table, relationSql: table.relationSql.split(cutoff).join(placeholder) };
    }
    tables.set(key, { kind: 'found', table });
    keyOf.set(table, key);
    const { retentionCutoffSql: _, ...rest } = table;
    parts.push([key, rest]);
  }
  return { tables, values, signature: JSON.stringify(parts), keyOf };
}

/** Puts each placeholder's value back. */
export function withValues(sql: string, values: TemplatedTables['values']): string {
  return values.reduce((text, [placeholder, value]) => text.split(placeholder).join(value), sql);
}

/** The most recent plans by query text (least recently used out first). */
export class PlanCache {
  private readonly plans = new Map<string, CachedPlan>();

  constructor(private readonly maxEntries = 256) {}

  get(queryString: string): CachedPlan | undefined {
    const plan = this.plans.get(queryString);
    if (plan) {
      this.plans.delete(queryString);
      this.plans.set(queryString, plan);
    }
    return plan;
  }

  set(queryString: string, plan: CachedPlan): void {
    this.plans.delete(queryString);
    this.plans.set(queryString, plan);
    while (this.plans.size > this.maxEntries) this.plans.delete(this.plans.keys().next().value as string);
  }

  get size(): number {
    return this.plans.size;
  }
}
