import { QueryCommand, type ColumnInfo, type Datum, type QueryCommandOutput, type Row, type TimestreamQueryClient, type Type } from '@aws-sdk/client-timestream-query';

/**
 * The Grafana Timestream plugin's side of the contract, replayed from the facts in
 * shared/notes/grafana-timestream-contract.md (plugin v2.13.0): how it expands its macros and the
 * dashboard's variables, how it pages, and how it turns an answer into data frames.
 */

export interface MacroContext {
  fromMs: number;
  toMs: number;
  intervalMs: number;
  nowMs: number;
  /** The query's editor values (`database`, `table`, `measure` of the target). */
  query: { database?: string; table?: string; measure?: string };
  /** The data source's jsonData defaults. */
  defaults: { defaultDatabase: string; defaultTable: string; defaultMeasure: string };
}

/** The backend's macros (`macros.go`): plain text replacement, longest key first, nothing quoted. */
export function expandMacros(sql: string, c: MacroContext): string {
  const pick = (value: string | undefined, fallback: string) => (!value || value.startsWith('${') ? fallback : value);
  const macros: Record<string, string> = {
    $__timeFilter: `time BETWEEN from_milliseconds(${c.fromMs}) AND from_milliseconds(${c.toMs})`,
    $__timeFrom: String(c.fromMs),
    $__timeTo: String(c.toMs),
    $__interval_ms: `${c.intervalMs}ms`,
    $__interval: `${c.intervalMs}ms`,
    $__interval_raw_ms: String(c.intervalMs),
    $__now_ms: String(c.nowMs),
    $__database: pick(c.query.database, c.defaults.defaultDatabase),
    $__table: pick(c.query.table, c.defaults.defaultTable),
    $__measure: pick(c.query.measure, c.defaults.defaultMeasure),
  };
  let out = sql;
  for (const key of Object.keys(macros).sort((a, b) => b.length - a.length)) out = out.split(key).join(macros[key]);
  return out;
}

const quoteLiteral = (v: string) => `'${v.replace(/'/g, "''")}'`;

/**
 * Grafana's variable replacement with the plugin's formatter (`DataSource.ts`): a multi-value
 * variable becomes `'a','b'` (quotes doubled), a single value is written as it is; `:sqlstring`
 * quotes the same way. `$__…` names are the backend's, left alone.
 */
export function interpolateVariables(sql: string, variables: Record<string, string | string[]>): string {
  return sql.replace(/\$\{(\w+)(?::(\w+))?\}|\$(\w+)/g, (whole, braced: string | undefined, format: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    if (name.startsWith('__') || !(name in variables)) return whole;
    const value = variables[name];
    if (format === 'sqlstring') return [value].flat().map(quoteLiteral).join(',');
    if (format) throw new Error(`format ${format} is not replayed here`);
    return Array.isArray(value) ? value.map(quoteLiteral).join(',') : value;
  });
}

export interface PagedAnswer {
  pages: QueryCommandOutput[];
  columns: ColumnInfo[];
  rows: Row[];
  queryId: string | undefined;
}

/**
 * Sends only QueryString (and NextToken), as the plugin does, and pages until there is no token;
 * every page after the first goes through a new client (a new connection), as the frontend's
 * re-sent queries may.
 */
export async function queryLikePlugin(clients: () => TimestreamQueryClient, sql: string, maxPages = 50): Promise<PagedAnswer> {
  const answer: PagedAnswer = { pages: [], columns: [], rows: [], queryId: undefined };
  let nextToken: string | undefined;
  let client = clients();
  do {
    const page = await client.send(new QueryCommand({ QueryString: sql, ...(nextToken ? { NextToken: nextToken } : {}) }));
    answer.pages.push(page);
    answer.queryId ??= page.QueryId;
    if (page.ColumnInfo?.length) answer.columns = page.ColumnInfo;
    answer.rows.push(...(page.Rows ?? []));
    nextToken = page.NextToken;
    client = clients();
    if (answer.pages.length > maxPages) throw new Error(`more than ${maxPages} pages for ${sql}`);
  } while (nextToken);
  return answer;
}

export type FieldType = 'time' | 'string' | 'float64' | 'int64' | 'int32' | 'bool' | 'json';

export interface Field {
  name: string;
  type: FieldType;
  values: unknown[];
  labels?: Record<string, string>;
}

export interface Frame {
  fields: Field[];
}

export interface Frames {
  frames: Frame[];
  /** What the plugin would attach as notices: columns it cannot show, cells it cannot parse. */
  notices: string[];
}

/** Go's `time.Parse("2006-01-02 15:04:05.99999999", …)`: fraction digits of any length, or none. */
const GO_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;

function parseScalar(type: string, text: string): { ok: boolean; value: unknown } {
  switch (type) {
    case 'TIMESTAMP': {
      const m = GO_TIME.exec(text);
      return m ? { ok: true, value: Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + Number(`0.${m[7] ?? '0'}`) * 1000 } : { ok: false, value: text };
    }
    case 'DOUBLE': {
      const n = /^(NaN|[+-]?Infinity|[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/.test(text) ? Number(text) : NaN;
      return { ok: text === 'NaN' || !Number.isNaN(n), value: n };
    }
    case 'BIGINT':
    case 'INTEGER':
      return { ok: /^[+-]?\d+$/.test(text), value: Number(text) };
    case 'BOOLEAN':
      return { ok: text === 'true' || text === 'false', value: text === 'true' };
    default:
      return { ok: true, value: text };
  }
}

const FIELD_TYPES: Record<string, FieldType> = { TIMESTAMP: 'time', BOOLEAN: 'bool', VARCHAR: 'string', DOUBLE: 'float64', BIGINT: 'int64', INTEGER: 'int32' };

function fieldType(type: Type | undefined): FieldType | undefined {
  if (type?.ScalarType) return FIELD_TYPES[type.ScalarType];
  if (type?.ArrayColumnInfo || type?.RowColumnInfo) return 'json';
  return undefined;
}

function datumValue(type: Type | undefined, datum: Datum | undefined, notices: string[], where: string): unknown {
  if (!datum || datum.NullValue) return null;
  if (type?.ScalarType) {
    if (datum.ScalarValue === undefined) {
      notices.push(`${where}: no ScalarValue`);
      return null;
    }
    const parsed = parseScalar(type.ScalarType, datum.ScalarValue);
    if (!parsed.ok) notices.push(`${where}: cannot parse ${type.ScalarType} ${JSON.stringify(datum.ScalarValue)}`);
    return parsed.value;
  }
  if (type?.ArrayColumnInfo) return (datum.ArrayValue ?? []).map((d, i) => datumValue(type.ArrayColumnInfo?.Type, d, notices, `${where}[${i}]`));
  if (type?.RowColumnInfo) {
    const fields = type.RowColumnInfo;
    return Object.fromEntries((datum.RowValue?.Data ?? []).map((d, i) => [fields[i]?.Name ?? `_${i}`, datumValue(fields[i]?.Type, d, notices, `${where}.${fields[i]?.Name}`)]));
  }
  notices.push(`${where}: a Datum of no known kind`);
  return null;
}

/** The plugin's result shaping (`helper.go`, `parsers.go`): a TIMESERIES column gives one frame per row, else one table frame. */
export function toFrames(answer: PagedAnswer): Frames {
  const notices: string[] = [];
  const series = answer.columns.filter((c) => c.Type?.TimeSeriesMeasureValueColumnInfo);
  if (series.length > 1) return { frames: [], notices: ['multiple TIMESERIES columns'] };
  if (series.length === 1) {
    const column = series[0];
    const index = answer.columns.indexOf(column);
    const valueType = column.Type?.TimeSeriesMeasureValueColumnInfo?.Type;
    const frames = answer.rows.map((row, r): Frame => {
      const labels: Record<string, string> = {};
      answer.columns.forEach((c, i) => {
        const scalar = row.Data?.[i]?.ScalarValue;
        if (i !== index && scalar !== undefined) labels[c.Name ?? `_${i}`] = scalar;
      });
      const points = row.Data?.[index]?.TimeSeriesValue;
      if (!points) notices.push(`row ${r}: no TimeSeriesValue in ${column.Name}`);
      const times = (points ?? []).map((p, k) => datumValue({ ScalarType: 'TIMESTAMP' }, { ScalarValue: p.Time }, notices, `row ${r} point ${k} time`));
      const values = (points ?? []).map((p, k) => datumValue(valueType, p.Value, notices, `row ${r} point ${k} value`));
      return { fields: [{ name: 'time', type: 'time', values: times }, { name: column.Name ?? '', type: fieldType(valueType) ?? 'json', values, labels }] };
    });
    return { frames, notices };
  }
  const fields: Field[] = [];
  answer.columns.forEach((c, i) => {
    const type = fieldType(c.Type);
    if (!type) {
      notices.push(`column ${c.Name}: unsupported type ${JSON.stringify(c.Type)}`);
      return;
    }
    fields.push({ name: c.Name ?? `_${i}`, type, values: answer.rows.map((row, r) => datumValue(c.Type, row.Data?.[i], notices, `row ${r} ${c.Name}`)) });
  });
  return { frames: [{ fields }], notices };
}
