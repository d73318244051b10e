import { built, type BuiltQuery } from './built-query';
import { readingsSource, type AnalyticOptions, type TimestampValue } from './common';
import { duration, durationLiteral, durationMs, type Duration } from '../sql/duration';
import { numberLiteral } from '../sql/escape';
import { QueryParameterError } from '../errors';

export interface CompletenessOptions extends AnalyticOptions {
  /** Bin width (default 10m). */
  interval?: string | Duration;
  /** Default 1h. */
  window?: string | Duration;
  /** How often a device is expected to report (default 30s, the recipe's round interval). */
  expectedEvery?: string | Duration;
}

export interface CompletenessRow {
  device_id: string;
  location: string;
  bin_time: TimestampValue;
  received: bigint;
  expected: number;
  completeness: number;
}

/**
 * Readings received vs expected per device per bin. Bins in which a device sent nothing are
 * listed with 0 received (every device seen in the window gets every bin); the current bin is partial.
 */
export function completeness(options: CompletenessOptions = {}): BuiltQuery<CompletenessRow> {
  const interval = duration(options.interval ?? '10m', 'interval');
  const every = duration(options.expectedEvery ?? '30s', 'expectedEvery');
  if (durationMs(every) > durationMs(interval)) throw new QueryParameterError('expectedEvery must not be longer than interval');
  const window = duration(options.window ?? '1h', 'window');
  const bin = durationLiteral(interval);
  const expected = numberLiteral(durationMs(interval) / durationMs(every), 'expected');
  const sql = [
    'WITH counts AS (',
    `SELECT device_id, location, bin(time, ${bin}) AS bin_time, count(*) AS received`,
    readingsSource(options, window),
    `GROUP BY device_id, location, bin(time, ${bin})`,
    '), devices AS (',
    'SELECT DISTINCT device_id, location FROM counts',
    '), bins AS (',
    `SELECT b AS bin_time FROM UNNEST(SEQUENCE(bin(ago(${durationLiteral(window)}), ${bin}), bin(now(), ${bin}), ${bin})) AS t (b)`,
    ')',
    `SELECT d.device_id, d.location, bins.bin_time, coalesce(c.received, 0) AS received, ${expected} AS expected,`,
    `  CAST(coalesce(c.received, 0) AS double) / ${expected} AS completeness`,
    'FROM devices d CROSS JOIN bins',
    'LEFT JOIN counts c ON c.device_id = d.device_id AND c.location = d.location AND c.bin_time = bins.bin_time',
    'ORDER BY d.device_id, d.location, bins.bin_time',
  ].join('\n');
  return built('completeness', sql);
}
