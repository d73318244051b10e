import { ENGINE_ERROR_MARK, QueryValidationError, positioned, type SourcePosition } from '../errors';

/** Quoting and literal helpers for the DuckDB SQL the translator prints. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** SQL that fails the query with `message` (a SQL string expression), which reaches the client as a ValidationException. */
export const raiseSql = (message: string): string => `error('${ENGINE_ERROR_MARK}' || ${message})`;
/** SQL that fails the query with a fixed message. */
export const raise = (message: string): string => raiseSql(quoteString(message));

const UNIT_MICROS: Record<string, bigint> = {
  us: 1n, ms: 1000n, s: 1_000_000n, m: 60_000_000n, h: 3_600_000_000n, d: 86_400_000_000n,
};

/** Exact microseconds of a bare duration literal (`10000ms`, `1.5h`); nanosecond amounts must be whole microseconds. */
export function durationMicros(amount: string, unit: string, pos: SourcePosition): bigint {
  const negative = amount.startsWith('-');
  const digits = negative ? amount.slice(1) : amount;
  const [whole, fraction = ''] = digits.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole || '0') * scale + BigInt(fraction || '0');
  let micros: bigint;
  if (unit === 'ns') {
    if ((scaled % (1000n * scale)) !== 0n) throw positioned(pos, `Interval '${amount}${unit}' has sub-microsecond precision, which is not supported`);
    micros = scaled / (1000n * scale);
  } else {
    const total = scaled * UNIT_MICROS[unit];
    if (total % scale !== 0n) throw positioned(pos, `Interval '${amount}${unit}' has sub-microsecond precision, which is not supported`);
    micros = total / scale;
  }
  return negative ? -micros : micros;
}

export const microsInterval = (micros: bigint): string => `to_microseconds(CAST(${micros} AS BIGINT))`;

/** Parses `parse_duration` text such as `42.8ms`, `3.81 d`, `5m` into microseconds. */
export function parseDurationText(text: string, pos: SourcePosition): bigint {
  const trimmed = text.trim();
  let i = 0;
  while (i < trimmed.length && ((trimmed[i] >= '0' && trimmed[i] <= '9') || trimmed[i] === '.')) i++;
  const amount = trimmed.slice(0, i);
  const unit = trimmed.slice(i).trim();
  const units: Record<string, string> = { ns: 'ns', us: 'us', ms: 'ms', s: 's', m: 'm', h: 'h', d: 'd' };
  if (!amount || !units[unit]) throw positioned(pos, `Invalid duration string: ${text}`);
  return durationMicros(amount, units[unit], pos);
}

/** `INTERVAL '2' DAY` and friends, as DuckDB interval SQL plus whether it is a year-to-month interval. */
export function intervalLiteral(value: string, sign: 1 | -1, unit: string, toUnit: string | undefined, pos: SourcePosition): { sql: string; yearToMonth: boolean } {
  const invalid = (): never => {
    throw positioned(pos, `Invalid INTERVAL ${unit.toUpperCase()} value: ${value}`);
  };
  const text = value.trim();
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const s = (neg ? -1 : 1) * sign;
  if (toUnit === undefined || toUnit === unit) {
    if (body === '' || ![...body].every((c) => (c >= '0' && c <= '9') || c === '.')) invalid();
    if (unit === 'year' || unit === 'month') {
      if (body.includes('.')) invalid();
      const months = BigInt(body) * (unit === 'year' ? 12n : 1n) * BigInt(s);
      return { sql: `to_months(CAST(${months} AS INTEGER))`, yearToMonth: true };
    }
    const perUnit: Record<string, string> = { week: 'd', day: 'd', hour: 'h', minute: 'm', second: 's', millisecond: 'ms' };
    let micros = durationMicros(body, perUnit[unit] ?? invalid(), pos);
    if (unit === 'week') micros *= 7n;
    return { sql: microsInterval(BigInt(s) * micros), yearToMonth: false };
  }
  if (unit === 'year' && toUnit === 'month') {
    const [y, m = '0'] = body.split('-');
    if (!/^\d+$/.test(y) || !/^\d+$/.test(m)) invalid();
    return { sql: `to_months(CAST(${BigInt(s) * (BigInt(y) * 12n + BigInt(m))} AS INTEGER))`, yearToMonth: true };
  }
  if (unit === 'day' || unit === 'hour' || unit === 'minute') {
    // d hh:mm:ss[.fff] style
    const [dayPart, clock] = body.includes(' ') ? body.split(' ') : unit === 'day' ? [body, '0:0:0'] : ['0', body];
    const pieces = clock.split(':');
    const seconds = pieces.length === 3 ? pieces[2] : pieces.length === 2 && toUnit === 'second' && unit === 'minute' ? pieces[1] : '0';
    const hours = pieces.length === 3 ? pieces[0] : unit === 'hour' ? pieces[0] : '0';
    const minutes = pieces.length === 3 ? pieces[1] : unit === 'minute' ? pieces[0] : pieces[1] ?? '0';
    const micros = durationMicros(dayPart, 'd', pos) + durationMicros(hours, 'h', pos) + durationMicros(minutes, 'm', pos) + durationMicros(seconds, 's', pos);
    return { sql: microsInterval(BigInt(s) * micros), yearToMonth: false };
  }
  throw new QueryValidationError(`line ${pos.line}:${pos.column}: INTERVAL ${unit.toUpperCase()} TO ${toUnit.toUpperCase()} is not supported`);
}
