import type { ScalarType } from '../../storage/catalog-types';
import { storedDouble, type StoredValue } from '../../storage/resource-types';

export type TimeUnit = 'MILLISECONDS' | 'SECONDS' | 'MICROSECONDS' | 'NANOSECONDS';

const NS_PER_UNIT: Record<TimeUnit, bigint> = { SECONDS: 1_000_000_000n, MILLISECONDS: 1_000_000n, MICROSECONDS: 1_000n, NANOSECONDS: 1n };
const MAX_NS = 9_223_372_036_854_775_807n;
const INT = /^\d{1,20}$/;

/** Epoch time text in `unit` -> nanoseconds, or undefined when it is not a non-negative integer in range. */
export function toNanoseconds(text: string, unit: TimeUnit): bigint | undefined {
  if (!INT.test(text)) return undefined;
  const ns = BigInt(text) * NS_PER_UNIT[unit];
  return ns > MAX_NS ? undefined : ns;
}

const DOUBLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BIGINT = /^[+-]?\d{1,19}$/;
const MIN_BIGINT = -9_223_372_036_854_775_808n;

/** The stored form of a measure value of `type` (a DOUBLE's number, other types' canonical text), or undefined
 * when it does not parse. */
export function canonicalValue(value: string, type: ScalarType, unit: TimeUnit): StoredValue | undefined {
  switch (type) {
    case 'DOUBLE': {
      if (!DOUBLE.test(value)) return undefined;
      const n = Number(value);
      if (!Number.isFinite(n)) return undefined;
      return storedDouble(n);
    }
    case 'BIGINT': {
      if (!BIGINT.test(value)) return undefined;
      const n = BigInt(value);
      return n > MAX_NS || n < MIN_BIGINT ? undefined : n.toString();
    }
    case 'BOOLEAN': {
      const lower = value.toLowerCase();
      return lower === 'true' || lower === 'false' ? lower : undefined;
    }
    case 'VARCHAR':
      return value;
    case 'TIMESTAMP':
      return toNanoseconds(value, unit)?.toString();
  }
}
