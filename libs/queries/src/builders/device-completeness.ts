import { built, type BuiltQuery } from './built-query';
import { readingsSource, type AnalyticOptions, type TimestampValue } from './common';
import { duration, durationLiteral, durationMs, type Duration } from '../sql/duration';
import { numberLiteral } from '../sql/escape';
import { isTemplateToken, type TemplateToken } from '../sql/template';
import { timeWindow, windowEnd, type TimeWindow } from '../sql/time-window';
import { QueryParameterError } from '../errors';

export interface DeviceCompletenessOptions extends AnalyticOptions {
  /** Readings of the last `window` (default 1h), or of a front end's time range. */
  window?: TimeWindow;
  /** Only bins of this width that have ended are counted: the bin in progress is left out (default 1m). */
  interval?: string | Duration;
  /**
   * How often a device is expected to report (default 30s, the recipe's round interval), or a
   * dashboard variable that the front end replaces with a number of milliseconds.
   */
  expectedEvery?: string | Duration | TemplateToken;
}

export interface DeviceCompletenessRow {
  device_id: string;
  location: string;
  /** The device's first reading in the window: counting starts here. */
  first_reading: TimestampValue;
  /** The start of the bin in progress: counting ends here. */
  complete_until: TimestampValue;
  received: bigint;
  /** Readings expected from `first_reading` to `complete_until` (a fraction for a partial first bin). */
  expected: number;
  /** received / expected, at most 1. */
  completeness: number;
}

/**
 * Readings received vs expected per device over the bins that have ended, from the device's first
 * reading in the window: a device that joined a minute ago, or a window that starts in the middle
 * of a bin, is not counted as missing what it could not have sent, and the bin still in progress
 * (which cannot be complete yet) is not counted at all. A device whose only readings are in the
 * bin in progress has no row yet.
 */
export function deviceCompleteness(options: DeviceCompletenessOptions = {}): BuiltQuery<DeviceCompletenessRow> {
  const interval = duration(options.interval ?? '1m', 'interval');
  const everyMs = isTemplateToken(options.expectedEvery) ? options.expectedEvery.text : expectedMs(options.expectedEvery, interval);
  const window = timeWindow(options.window ?? '1h', 'window');
  const until = `bin(${windowEnd(window, 'window')}, ${durationLiteral(interval)})`;
  const expected = `CAST(to_milliseconds(${until}) - to_milliseconds(first_reading) AS double) / ${everyMs}`;
  const sql = [
    'WITH readings AS (',
    'SELECT device_id, location, time',
    readingsSource(options, window),
    `  AND time < ${until}`,
    '), devices AS (',
    'SELECT device_id, location, min(time) AS first_reading, count(*) AS received',
    'FROM readings',
    'GROUP BY device_id, location',
    ')',
    `SELECT device_id, location, first_reading, ${until} AS complete_until, received,`,
    `  ${expected} AS expected,`,
    `  least(CAST(1 AS double), CAST(received AS double) / (${expected})) AS completeness`,
    'FROM devices',
    'ORDER BY device_id, location',
  ].join('\n');
  return built('device-completeness', sql);
}

function expectedMs(value: string | Duration | undefined, interval: Duration): string {
  const every = duration(value ?? '30s', 'expectedEvery');
  if (durationMs(every) > durationMs(interval)) throw new QueryParameterError('expectedEvery must not be longer than interval');
  return numberLiteral(durationMs(every), 'expectedEvery');
}
