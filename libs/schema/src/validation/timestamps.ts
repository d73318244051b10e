import { MIN_EPOCH_MILLISECONDS } from '../limits';
import { describeValue } from './describe-value';

export type TimestampResult = { ok: true; ms: number } | { ok: false; reason: string };

// Field-value format check (this is a device value, not SQL): date, time, optional fraction, zone.
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?)?$/;
const MAX_TIME_MS = Date.UTC(9999, 11, 31);

/** Parses a device timestamp: ISO-8601 with a zone, or epoch milliseconds. Never throws. */
export function parseTimestamp(value: unknown): TimestampResult {
  if (typeof value === 'number') return fromEpochMilliseconds(value);
  if (typeof value !== 'string') {
    return { ok: false, reason: `timestamp must be an ISO-8601 date-time with a zone or epoch milliseconds, got ${describeValue(value)}` };
  }
  const m = ISO_WITH_ZONE.exec(value.trim());
  if (!m) {
    if (ISO_WITHOUT_ZONE.test(value.trim())) {
      return { ok: false, reason: `timestamp ${JSON.stringify(value)} has no time zone; add Z or an offset such as +01:00` };
    }
    return { ok: false, reason: `timestamp ${JSON.stringify(value)} is not an ISO-8601 date-time or epoch milliseconds` };
  }
  const [, y, mo, d, h, mi, s = '00', frac = '', zone] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${frac.padEnd(3, '0').slice(0, 3)}${zone.toUpperCase() === 'Z' ? 'Z' : normalizeZone(zone)}`);
  if (!Number.isFinite(ms) || !isRealDate(+y, +mo, +d, +h, +mi, +s)) {
    return { ok: false, reason: `timestamp ${JSON.stringify(value)} is not a valid calendar date-time` };
  }
  return { ok: true, ms };
}

function fromEpochMilliseconds(value: number): TimestampResult {
  if (!Number.isFinite(value)) return { ok: false, reason: `timestamp must be a finite number of epoch milliseconds, got ${describeValue(value)}` };
  if (value < 0 || value > MAX_TIME_MS) return { ok: false, reason: `timestamp ${value} is outside the supported range of epoch milliseconds` };
  if (value < MIN_EPOCH_MILLISECONDS) {
    return { ok: false, reason: `timestamp ${value} looks like epoch seconds; send epoch milliseconds (${value * 1000})` };
  }
  return { ok: true, ms: Math.floor(value) };
}

function normalizeZone(zone: string): string {
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${(digits.slice(2) || '00').padEnd(2, '0')}`;
}

function isRealDate(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d >= 1 && d <= daysInMonth;
}
