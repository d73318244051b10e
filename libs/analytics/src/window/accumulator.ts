import type { WindowFeature } from '@iot-timeseries/schema';

/**
 * Running sums of one measure of one device inside a window: enough for mean, min, max, standard
 * deviation, least-squares slope, EWMA and a trimmed mean, in constant space (the window state
 * stays small however many readings arrive). Times are ms; the slope is per minute.
 */
export interface MeasureAccumulator {
  n: number;
  sum: number;
  sumSq: number;
  min: number;
  max: number;
  /** Time origin of the slope sums (the first reading's time). */
  t0: number;
  sumT: number;
  sumTT: number;
  sumTX: number;
  ewma: number;
}

export type WindowFeatures = Record<WindowFeature, number>;

export function emptyAccumulator(): MeasureAccumulator {
  return { n: 0, sum: 0, sumSq: 0, min: Infinity, max: -Infinity, t0: 0, sumT: 0, sumTT: 0, sumTX: 0, ewma: 0 };
}

/** Adds one reading (value at `time` ms); `alpha` is the EWMA weight of a new reading. */
export function addReading(acc: MeasureAccumulator, value: number, time: number, alpha: number): MeasureAccumulator {
  const first = acc.n === 0;
  const t0 = first ? time : acc.t0;
  const t = (time - t0) / 60_000;
  return {
    n: acc.n + 1,
    sum: acc.sum + value,
    sumSq: acc.sumSq + value * value,
    min: Math.min(acc.min, value),
    max: Math.max(acc.max, value),
    t0,
    sumT: acc.sumT + t,
    sumTT: acc.sumTT + t * t,
    sumTX: acc.sumTX + t * value,
    ewma: first ? value : alpha * value + (1 - alpha) * acc.ewma,
  };
}

/** The features of a window from its sums (undefined when it saw no reading). */
export function featuresOf(acc: MeasureAccumulator): WindowFeatures | undefined {
  const { n } = acc;
  if (n === 0) return undefined;
  const mean = acc.sum / n;
  const variance = n > 1 ? Math.max(0, (acc.sumSq - n * mean * mean) / (n - 1)) : 0;
  const denominator = n * acc.sumTT - acc.sumT * acc.sumT;
  const slope = n > 1 && denominator > 1e-12 ? (n * acc.sumTX - acc.sumT * acc.sum) / denominator : 0;
  const trimmedMean = n >= 3 ? (acc.sum - acc.min - acc.max) / (n - 2) : mean;
  return { mean, min: acc.min, max: acc.max, slope, stddev: Math.sqrt(variance), ewma: acc.ewma, trimmedMean, spike: spikeOf(acc) };
}

/** Readings a window needs before `spike` is computed. */
export const SPIKE_MIN_READINGS = 5;

/**
 * The window's most extreme reading against the others: (max − mean of the rest) / their standard
 * deviation, or the same for the min (negative), whichever is further out. The others' sums are
 * the window's without that one reading, so no extra state is kept. The deviation never drops
 * below 1e-4 of the level (a sensor that reports the same value does not make every change infinite).
 */
function spikeOf(acc: MeasureAccumulator): number {
  if (acc.n < SPIKE_MIN_READINGS) return 0;
  const against = (extreme: number): number => {
    const n = acc.n - 1;
    const mean = (acc.sum - extreme) / n;
    const variance = Math.max(0, (acc.sumSq - extreme * extreme - n * mean * mean) / (n - 1));
    return (extreme - mean) / Math.max(Math.sqrt(variance), Math.abs(mean) * 1e-4, 1e-9);
  };
  const high = against(acc.max);
  const low = against(acc.min);
  return Math.abs(high) >= Math.abs(low) ? high : low;
}
