import { STALE_DEVICE_AFTER_SECONDS } from '@iot-timeseries/schema';
import { built, type BuiltQuery } from './built-query';
import { readingsSource, type AnalyticOptions, type TimestampValue } from './common';
import { duration, durationLiteral, type Duration } from '../sql/duration';
import { timeWindow, type TimeWindow } from '../sql/time-window';

export interface StaleDevicesOptions extends AnalyticOptions {
  /** A device is stale when its last reading is older than this (default STALE_DEVICE_AFTER_SECONDS). */
  staleAfter?: string | Duration;
  /** How far back to look for devices at all (default 1d): a device silent for longer is not listed. */
  lookback?: TimeWindow;
}

export interface StaleDeviceRow {
  device_id: string;
  location: string;
  last_seen: TimestampValue;
  silent_seconds: bigint;
}

/** Devices seen within the lookback whose last reading is older than `staleAfter`, longest silent first. */
export function staleDevices(options: StaleDevicesOptions = {}): BuiltQuery<StaleDeviceRow> {
  const staleAfter = duration(options.staleAfter ?? `${STALE_DEVICE_AFTER_SECONDS}s`, 'staleAfter');
  const lookback = timeWindow(options.lookback ?? '1d', 'lookback');
  const sql = [
    "SELECT device_id, location, max(time) AS last_seen, date_diff('second', max(time), now()) AS silent_seconds",
    readingsSource(options, lookback, '', '', 'lookback'),
    'GROUP BY device_id, location',
    `HAVING max(time) < ago(${durationLiteral(staleAfter)})`,
    'ORDER BY last_seen, device_id',
  ].join('\n');
  return built('stale-devices', sql);
}
