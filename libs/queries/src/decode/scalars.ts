import { ResultDecodeError } from '../errors';
import type { DayToSecondInterval, TimestampValue, YearToMonthInterval } from './values';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const DAY_TO_SECOND = /^(-)?(\d+) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const YEAR_TO_MONTH = /^(-)?(\d+)-(\d+)$/;

export function parseTimestampText(text: string): TimestampValue {
  const m = TIMESTAMP.exec(text);
  if (!m) throw new ResultDecodeError(`not a Timestream TIMESTAMP: ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, frac = ''] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const nanosOfSecond = BigInt(frac.padEnd(9, '0'));
  const epochNanoseconds = BigInt(ms) * 1_000_000n + nanosOfSecond;
  return { kind: 'timestamp', text, date: new Date(ms + Number(nanosOfSecond / 1_000_000n)), epochNanoseconds };
}

export function parseDayToSecond(text: string): DayToSecondInterval {
  const m = DAY_TO_SECOND.exec(text);
  if (!m) throw new ResultDecodeError(`not an INTERVAL_DAY_TO_SECOND: ${JSON.stringify(text)}`);
  const [, sign, days, h, mi, s, frac = ''] = m;
  const seconds = BigInt(days) * 86_400n + BigInt(h) * 3600n + BigInt(mi) * 60n + BigInt(s);
  const nanos = seconds * 1_000_000_000n + BigInt(frac.padEnd(9, '0'));
  return { kind: 'interval_day_to_second', text, nanoseconds: sign ? -nanos : nanos };
}

export function parseYearToMonth(text: string): YearToMonthInterval {
  const m = YEAR_TO_MONTH.exec(text);
  if (!m) throw new ResultDecodeError(`not an INTERVAL_YEAR_TO_MONTH: ${JSON.stringify(text)}`);
  const months = Number(m[2]) * 12 + Number(m[3]);
  return { kind: 'interval_year_to_month', text, months: m[1] ? -months : months };
}

export function parseDouble(text: string): number {
  switch (text) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
  }
  const n = Number(text);
  if (text.trim() === '' || Number.isNaN(n)) throw new ResultDecodeError(`not a DOUBLE: ${JSON.stringify(text)}`);
  return n;
}

export function parseBigint(text: string): bigint {
  try {
    return BigInt(text);
  } catch (cause) {
    throw new ResultDecodeError(`not a BIGINT: ${JSON.stringify(text)}`, { cause });
  }
}

export function parseBoolean(text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new ResultDecodeError(`not a BOOLEAN: ${JSON.stringify(text)}`);
}
