import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T } from '../static-type';
import { quoteString } from './sql-text';
import type { Translated } from './translated';

type AtTimeZone = Extract<Expr, { kind: 'atTimeZone' }>;

/** `+05:30`, `-08:00`, `+5`: a fixed offset from UTC, at most 14 hours either way. */
const OFFSET = /^([+-])(\d{1,2})(?::(\d{2}))?$/;

/**
 * `timestamp AT TIME ZONE zone`: the wall-clock time in that zone, as a TIMESTAMP (the service's answers have no
 * zoned timestamp type), nanoseconds kept. The zone is an IANA name (any case, daylight saving applied at that
 * instant), a fixed offset `'+05:30'` or a day-to-second interval; anything else is refused naming the zone.
 */
export function atTimeZone(expr: AtTimeZone, value: Translated, zone: Translated): Translated {
  if (value.type.kind !== 'timestamp' && value.type.kind !== 'unknown') {
    throw positioned(expr.pos, `AT TIME ZONE takes a timestamp, not ${value.type.kind}`);
  }
  // the value is written out where it is used, not bound to a fresh lambda name: the same expression in the select
  // list and in GROUP BY must print the same SQL for DuckDB to see them as one
  const shifted = (offsetSecondsSql: string): Translated => ({
    sql: `make_timestamp_ns(epoch_ns(${value.sql}) + CAST(${offsetSecondsSql.replaceAll('$t', value.sql)} AS BIGINT) * 1000000000)`,
    type: T.timestamp,
  });
  if (zone.type.kind === 'intervalDayToSecond') return shifted(`round(epoch(${zone.sql}))`);
  const text = expr.zone.kind === 'string' ? expr.zone.value : undefined;
  if (text === undefined) throw positioned(expr.zone.pos, 'AT TIME ZONE takes a time zone name, an offset such as \'+05:30\' or a day-to-second interval');
  const offset = OFFSET.exec(text);
  if (offset) {
    const [hours, minutes] = [Number(offset[2]), Number(offset[3] ?? 0)];
    if (hours > 14 || minutes > 59 || hours * 60 + minutes > 14 * 60) throw positioned(expr.zone.pos, `Time zone not supported: ${text}`);
    return shifted(String((offset[1] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60)));
  }
  if (!isTimeZoneName(text)) throw positioned(expr.zone.pos, `Time zone not supported: ${text}`);
  // the zone's offset at that instant: its wall clock minus UTC's (timezone('UTC', naive) reads the value as UTC)
  return shifted(`round(epoch(timezone(${quoteString(text)}, timezone('UTC', CAST($t AS TIMESTAMP)))) - epoch(CAST($t AS TIMESTAMP)))`);
}

/** Whether ICU knows the zone (Node's Intl and DuckDB's ICU extension read the same tz database). */
function isTimeZoneName(text: string): boolean {
  if (text.trim() === '' || text.toLowerCase() === 'factory') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: text });
    return true;
  } catch {
    return false;
  }
}
