import { measureRollups, rollupSettings, type MeasureRollup, type RollupSettings } from '@iot-timeseries/schema';
import { QueryParameterError } from '../errors';

/** Where a range's series comes from: the raw readings, or a measure rollup (with the readings since its last complete run). */
export type RangeSource = { readonly kind: 'raw' } | { readonly kind: 'rollup'; readonly rollup: MeasureRollup };

/** Ranges up to this long read raw readings: few rows, and nothing lags behind a rollup's last run. */
export const RAW_RANGE_LIMIT_MS = 3_600_000;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The source for a range and a bin: the coarsest measure rollup whose bin divides the requested bin and
 * whose table still keeps the range's start; raw readings for ranges up to an hour, for bins finer than any
 * rollup's, and when no rollup fits.
 */
export function chooseSource(rangeMs: number, binMs: number, settings: RollupSettings = rollupSettings): RangeSource {
  if (!Number.isFinite(rangeMs) || rangeMs <= 0) throw new QueryParameterError(`range must be a positive number of ms, got ${rangeMs}`);
  if (!Number.isInteger(binMs) || binMs <= 0) throw new QueryParameterError(`bin must be a positive whole number of ms, got ${binMs}`);
  if (rangeMs <= RAW_RANGE_LIMIT_MS) return { kind: 'raw' };
  const fitting = measureRollups(settings)
    .filter((r) => binMs % (r.binMinutes * MINUTE_MS) === 0 && rangeMs <= r.table.retention.magneticStoreRetentionDays * DAY_MS)
    .sort((a, b) => b.binMinutes - a.binMinutes);
  return fitting.length > 0 ? { kind: 'rollup', rollup: fitting[0] } : { kind: 'raw' };
}

/** Bin widths a chart steps through (ms), finest first. */
export const NICE_BINS_MS = [1, 2, 5, 10, 15, 30].map((s) => s * 1000).concat([1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE_MS));

/** The finest nice bin that keeps a range to at most `maxPoints` bins, and no finer than `minBinMs` (how often devices report). */
export function rangeBinMs(rangeMs: number, options: { maxPoints?: number; minBinMs?: number } = {}): number {
  const maxPoints = options.maxPoints ?? 240;
  const minBinMs = options.minBinMs ?? 1000;
  const bin = NICE_BINS_MS.find((b) => b >= minBinMs && rangeMs / b <= maxPoints);
  return bin ?? NICE_BINS_MS[NICE_BINS_MS.length - 1];
}
