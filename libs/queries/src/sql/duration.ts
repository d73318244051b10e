import { QueryParameterError } from '../errors';

export type DurationUnit = 'ms' | 's' | 'm' | 'h' | 'd';

/** A duration rendered as a Timestream bare interval literal (`10m`, `7d`, `500ms`). */
export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

const UNIT_MS: Record<DurationUnit, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION_TEXT = /^(\d{1,9})(ms|s|m|h|d)$/;

/** Parses `10m`, `1h`, `7d`, `500ms`, `30s`; throws QueryParameterError naming the parameter. */
export function duration(text: string | Duration, parameter = 'duration'): Duration {
  if (typeof text !== 'string') return checked(text, parameter);
  const m = DURATION_TEXT.exec(text.trim());
  if (!m) throw new QueryParameterError(`${parameter} must look like 30s, 10m, 1h, 7d or 500ms, got ${JSON.stringify(text)}`);
  return checked({ amount: Number(m[1]), unit: m[2] as DurationUnit }, parameter);
}

function checked(d: Duration, parameter: string): Duration {
  if (!Number.isInteger(d.amount) || d.amount <= 0 || !(d.unit in UNIT_MS)) {
    throw new QueryParameterError(`${parameter} must be a positive whole number of ms, s, m, h or d`);
  }
  return { amount: d.amount, unit: d.unit };
}

export function durationLiteral(d: Duration): string {
  return `${d.amount}${d.unit}`;
}

export function durationMs(d: Duration): number {
  return d.amount * UNIT_MS[d.unit];
}
