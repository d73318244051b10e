import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T } from '../static-type';
import type { TranslationContext } from './context';
import { microsInterval, parseDurationText, raiseSql } from './sql-text';
import { bind } from './time-series';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;

/** airlift's Duration text (what Trino's parse_duration reads): an amount and a unit, spaces around them allowed. */
const DURATION = String.raw`^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]+)\s*$`;
const MICROS_PER_UNIT: Record<string, string> = { ns: '0.001', us: '1', ms: '1000', s: '1000000', m: '60000000', h: '3600000000', d: '86400000000' };

/**
 * `parse_duration(text)` as an INTERVAL DAY TO SECOND: a literal is read exactly here; any other text (a column, an
 * expression) is read by the query, its amount as a double rounded to the microsecond.
 */
export function parseDuration(tr: TranslationContext, call: Call, args: Translated[]): Translated {
  if (args.length !== 1) throw positioned(call.pos, 'parse_duration takes (varchar)');
  const text = call.args[0];
  if (text.kind === 'string') return { sql: microsInterval(parseDurationText(text.value, text.pos)), type: T.dayToSecond };
  if (args[0].type.kind !== 'varchar' && args[0].type.kind !== 'unknown') {
    throw positioned(call.pos, `Unexpected parameters (${args[0].type.kind}) for function parse_duration. Expected: parse_duration(varchar)`);
  }
  const [s, m, micros] = [tr.freshName('s'), tr.freshName('m'), tr.freshName('us')];
  const factor = `CASE ${m}."unit" ${Object.entries(MICROS_PER_UNIT).map(([unit, f]) => `WHEN '${unit}' THEN ${f}`).join(' ')} END`;
  const invalid = raiseSql(`'Invalid duration string: ' || ${s}`);
  const value = bind(`round(CAST(${m}."amount" AS DOUBLE) * ${factor})`, micros,
    `CASE WHEN ${micros} >= 9.2e18 THEN ${raiseSql(`'parse_duration: the duration ' || ${s} || ' is too large'`)} ELSE to_microseconds(CAST(${micros} AS BIGINT)) END`);
  const sql = bind(args[0].sql, s, bind(`regexp_extract(${s}, '${DURATION}', ['amount', 'unit'])`, m,
    `CASE WHEN ${s} IS NULL THEN NULL WHEN NOT regexp_matches(${s}, '${DURATION}') OR ${factor} IS NULL THEN ${invalid} ELSE ${value} END`));
  return { sql, type: T.dayToSecond };
}
