import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, isInterval } from '../static-type';
import { jodaFormatSql, jodaTokens, roundedToMillisecond, strftimeOf, type JodaToken } from './joda-format';
import { defaultYear, jodaParseSql, needsJodaParse } from './joda-parse';
import { bind } from './time-series';
import { quoteString } from './sql-text';
import type { TranslationContext } from './context';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;

export const DATE_FUNCTIONS = new Set([
  'now', 'current_timestamp', 'localtimestamp', 'current_date', 'current_time', 'localtime', 'ago', 'bin', 'date_trunc', 'date_add',
  'date_diff', 'from_milliseconds', 'from_nanoseconds', 'from_unixtime', 'to_milliseconds', 'to_nanoseconds', 'to_unixtime',
  'from_iso8601_timestamp', 'from_iso8601_date', 'to_iso8601', 'date_format', 'date_parse', 'format_datetime', 'parse_datetime', 'date', 'last_day_of_month',
  'year', 'quarter', 'month', 'week', 'week_of_year', 'day', 'day_of_month', 'day_of_week', 'dow', 'day_of_year', 'doy',
  'hour', 'minute', 'second', 'millisecond', 'year_of_week', 'yow',
]);

const ADD_UNITS: Record<string, (n: string) => string> = {
  millisecond: (n) => `to_milliseconds(${n})`, second: (n) => `to_seconds(${n})`, minute: (n) => `to_minutes(${n})`,
  hour: (n) => `to_hours(${n})`, day: (n) => `to_days(CAST(${n} AS INTEGER))`, week: (n) => `to_weeks(CAST(${n} AS INTEGER))`,
  month: (n) => `to_months(CAST(${n} AS INTEGER))`, quarter: (n) => `to_months(CAST(${n} * 3 AS INTEGER))`,
  year: (n) => `to_years(CAST(${n} AS INTEGER))`,
};

const FIXED_UNIT_NANOS: Record<string, string> = {
  millisecond: '1000000', second: '1000000000', minute: '60000000000', hour: '3600000000000', day: '86400000000000', week: '604800000000000',
};

const ACCESSORS: Record<string, string> = {
  year: 'year', quarter: 'quarter', month: 'month', week: 'week', week_of_year: 'week', day: 'day', day_of_month: 'day',
  day_of_week: 'isodow', dow: 'isodow', day_of_year: 'dayofyear', doy: 'dayofyear', hour: 'hour', minute: 'minute',
  second: 'second', year_of_week: 'isoyear', yow: 'isoyear',
};

/** MySQL-style date_format specifiers (Trino) to DuckDB strftime specifiers. */
const FORMAT_SPECIFIERS: Record<string, string> = {
  a: '%a', b: '%b', c: '%-m', d: '%d', e: '%-d', f: '%f', H: '%H', h: '%I', I: '%I', i: '%M', j: '%j', k: '%-H', l: '%-I',
  M: '%B', m: '%m', p: '%p', r: '%I:%M:%S %p', S: '%S', s: '%S', T: '%H:%M:%S', W: '%A', Y: '%Y', y: '%y', '%': '%%',
};

function unitLiteral(call: Call, index: number): string {
  const arg = call.args[index];
  if (arg?.kind !== 'string') throw positioned(arg?.pos ?? call.pos, `${call.name} expects the unit as a string literal`);
  return arg.value.toLowerCase();
}

function formatText(call: Call, index: number): Extract<Expr, { kind: 'string' }> {
  const arg = call.args[index];
  if (arg?.kind !== 'string') throw positioned(arg?.pos ?? call.pos, `${call.name} expects the format as a string literal`);
  return arg;
}

/** The runs and text of a Joda-Time pattern literal. */
const jodaPattern = (call: Call, index: number): JodaToken[] => {
  const arg = formatText(call, index);
  return jodaTokens(arg.value, arg.pos);
};

/** format_datetime: the pattern's runs printed from the timestamp rounded to the millisecond, as Trino prints it. */
function formatDatetime(tr: TranslationContext, timestamp: string, tokens: JodaToken[]): string {
  const t = tr.freshName('t');
  return bind(roundedToMillisecond(timestamp), t, jodaFormatSql(tokens, t));
}

/** parse_datetime as a TIMESTAMPTZ: strptime with the pattern's specifiers, or the pattern's fields read apart (joda-parse.ts). */
function parseDatetime(tr: TranslationContext, text: string, tokens: JodaToken[]): string {
  if (!needsJodaParse(tokens)) {
    const year = defaultYear(tokens);
    const format = tokens.map(strftimeOf).join('');
    return year ? `strptime(${year.text} || ' ' || ${text}, ${quoteString(`${year.format} ${format}`)})::TIMESTAMPTZ` : `strptime(${text}, ${quoteString(format)})::TIMESTAMPTZ`;
  }
  const s = tr.freshName('s');
  return bind(text, s, jodaParseSql(tokens, s));
}

function formatLiteral(call: Call, index: number): string {
  const arg = formatText(call, index);
  let out = '';
  for (let i = 0; i < arg.value.length; i++) {
    const c = arg.value[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec = arg.value[++i];
    const mapped = spec === undefined ? undefined : FORMAT_SPECIFIERS[spec];
    if (!mapped) throw positioned(arg.pos, `Format specifier %${spec ?? ''} is not supported`);
    out += mapped;
  }
  return quoteString(out);
}

/** Date and time functions. `args` are the translated arguments in order. */
export function dateFunction(tr: TranslationContext, call: Call, args: Translated[]): Translated {
  const a = args.map((x) => x.sql);
  const arity = (n: number): void => {
    if (args.length !== n) throw positioned(call.pos, `Function ${call.name} takes ${n} argument(s)`);
  };
  switch (call.name) {
    case 'now': case 'current_timestamp': case 'localtimestamp':
      arity(0);
      return { sql: tr.nowSql, type: T.timestamp, microseconds: true };
    case 'current_date':
      return { sql: `CAST(${tr.nowSql} AS DATE)`, type: T.date };
    case 'current_time': case 'localtime':
      return { sql: `CAST(${tr.nowSql} AS TIME)`, type: T.time };
    case 'ago':
      arity(1);
      return { sql: `(${tr.nowSql} - ${a[0]})`, type: T.timestamp, microseconds: true };
    case 'bin':
      arity(2);
      // DuckDB's time_bucket answers a TIMESTAMP: microseconds
      return { sql: `time_bucket(${a[1]}, ${a[0]}, TIMESTAMP '1970-01-01')`, type: T.timestamp, microseconds: true };
    case 'date_trunc':
      arity(2);
      return { sql: `date_trunc(${quoteString(unitLiteral(call, 0))}, ${a[1]})`, type: args[1].type };
    case 'date_add': {
      arity(3);
      const name = unitLiteral(call, 0);
      const unit = ADD_UNITS[name];
      if (!unit) throw positioned(call.args[0].pos, `'${name}' is not a valid TIMESTAMP field`);
      const fixedNanos = FIXED_UNIT_NANOS[name];
      if (fixedNanos && args[2].type.kind === 'timestamp') {
        // whole nanoseconds, so sub-microsecond precision survives
        return { sql: `make_timestamp_ns(epoch_ns(${a[2]}) + CAST(${a[1]} AS BIGINT) * ${fixedNanos})`, type: T.timestamp };
      }
      if (args[2].type.kind === 'date') return { sql: `CAST(${a[2]} + ${unit(a[1])} AS DATE)`, type: T.date };
      return { sql: `(${a[2]} + ${unit(a[1])})`, type: args[2].type };
    }
    case 'date_diff': {
      arity(3);
      const unit = unitLiteral(call, 0);
      // DuckDB's date_sub counts microseconds; the nanoseconds of two timestamps are subtracted exactly
      if (unit === 'nanosecond' && args[1].type.kind === 'timestamp' && args[2].type.kind === 'timestamp') return { sql: `(epoch_ns(${a[2]}) - epoch_ns(${a[1]}))`, type: T.bigint };
      return { sql: `date_sub(${quoteString(unit)}, ${a[1]}, ${a[2]})`, type: T.bigint };
    }
    case 'from_milliseconds':
      arity(1);
      return { sql: `make_timestamp_ns(CAST(${a[0]} AS BIGINT) * 1000000)`, type: T.timestamp };
    case 'from_nanoseconds':
      arity(1);
      return { sql: `make_timestamp_ns(CAST(${a[0]} AS BIGINT))`, type: T.timestamp };
    case 'from_unixtime':
      arity(1);
      return { sql: `make_timestamp_ns(CAST(round(CAST(${a[0]} AS DOUBLE) * 1000000000) AS BIGINT))`, type: T.timestamp };
    case 'to_milliseconds':
      arity(1);
      if (args[0].nanos) return { sql: `CAST(round(${args[0].nanos} / 1000000) AS BIGINT)`, type: T.bigint };
      if (isInterval(args[0].type)) return { sql: `CAST(round(epoch(${a[0]}) * 1000) AS BIGINT)`, type: T.bigint };
      return { sql: `epoch_ms(${a[0]})`, type: T.bigint };
    case 'to_nanoseconds':
      arity(1);
      if (args[0].nanos) return { sql: args[0].nanos, type: T.bigint };
      if (isInterval(args[0].type)) return { sql: `CAST(round(epoch(${a[0]}) * 1000000) AS BIGINT) * 1000`, type: T.bigint };
      return { sql: `epoch_ns(${a[0]})`, type: T.bigint };
    case 'to_unixtime':
      arity(1);
      return { sql: `epoch(${a[0]})`, type: T.double };
    case 'from_iso8601_timestamp':
      arity(1);
      return { sql: `CAST(timezone('UTC', CAST(${a[0]} AS TIMESTAMPTZ)) AS TIMESTAMP_NS)`, type: T.timestamp };
    case 'from_iso8601_date':
      arity(1);
      return { sql: `CAST(${a[0]} AS DATE)`, type: T.date };
    case 'to_iso8601':
      arity(1);
      if (args[0].type.kind === 'date') return { sql: `strftime(${a[0]}, '%Y-%m-%d')`, type: T.varchar };
      return { sql: `(strftime(CAST(${a[0]} AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%g') || 'Z')`, type: T.varchar };
    case 'date_format':
      arity(2);
      return { sql: `strftime(${a[0]}, ${formatLiteral(call, 1)})`, type: T.varchar };
    case 'date_parse':
      arity(2);
      return { sql: `CAST(strptime(${a[0]}, ${formatLiteral(call, 1)}) AS TIMESTAMP_NS)`, type: T.timestamp };
    case 'format_datetime':
      arity(2);
      // Trino prints the timestamp rounded to the millisecond (Joda-Time holds milliseconds)
      return { sql: formatDatetime(tr, a[0], jodaPattern(call, 1)), type: T.varchar };
    case 'parse_datetime':
      arity(2);
      return { sql: `CAST(timezone('UTC', ${parseDatetime(tr, a[0], jodaPattern(call, 1))}) AS TIMESTAMP_NS)`, type: T.timestamp };
    case 'date':
      arity(1);
      return { sql: `CAST(${a[0]} AS DATE)`, type: T.date };
    case 'last_day_of_month':
      arity(1);
      return { sql: `last_day(${a[0]})`, type: T.date };
    case 'millisecond':
      arity(1);
      return { sql: `CAST(millisecond(${a[0]}) % 1000 AS BIGINT)`, type: T.bigint };
    default: {
      arity(1);
      const accessor = ACCESSORS[call.name];
      if (!accessor) throw positioned(call.pos, `Function ${call.name} not registered`);
      return { sql: `CAST(${accessor}(${a[0]}) AS BIGINT)`, type: T.bigint };
    }
  }
}
