import type { ColumnInfo } from '@aws-sdk/client-timestream-query';
import { deviceEvents, deviceWindows, windowForecasts, type DecodedRow, type DeviceWindowRow } from '@iot-timeseries/queries';
import { analyticsSettings } from '@iot-timeseries/schema';
import type { CliConfig } from './config';
import { UsageError } from './errors';

/** The commands that read the window function's tables (events, windows) instead of the readings. */
export const WINDOW_COMMANDS = ['events', 'forecasts'] as const;
export const isWindowCommand = (command: string): boolean => (WINDOW_COMMANDS as readonly string[]).includes(command);

const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/**
 * `events`: alerts and clears from the events table, newest first (`--kinds`, `--states`,
 * `--detectors`, `--devices`, `--window`, `--limit`). `forecasts`: each device's latest window's
 * forecasts, one row per measure (`--devices`, `--measures`, `--window` to look back).
 * `--table` names another table than libs/schema's.
 */
export function windowCommandSql(config: CliConfig): string {
  const f = config.analyticFlags;
  const limit = f.limit === undefined ? undefined : Number(f.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError(`--limit must be a positive whole number, got ${JSON.stringify(f.limit)}`);
  const common = { database: config.database, ...(config.tableFlag ? { table: config.tableFlag } : {}), devices: list(f.devices), locations: list(f.locations), limit };
  if (config.command === 'events') {
    const states = list(f.states);
    for (const s of states ?? []) if (s !== 'alert' && s !== 'clear') throw new UsageError(`--states takes alert and clear, got ${JSON.stringify(s)}`);
    return deviceEvents({ ...common, window: f.window ?? '1d', kinds: list(f.kinds), states: states as Array<'alert' | 'clear'> | undefined, detectors: list(f.detectors) }).sql;
  }
  return deviceWindows({ ...common, window: f.window ?? '1h', latest: true }).sql;
}

/** The columns and rows a window command prints: `forecasts` turns each latest window into one row per forecast measure. */
export function windowCommandRows(config: CliConfig, columns: readonly ColumnInfo[], rows: readonly DecodedRow[]): { columns: ColumnInfo[]; rows: DecodedRow[] } {
  if (config.command !== 'forecasts') return { columns: [...columns], rows: [...rows] };
  const measures = list(config.analyticFlags.measures) ?? analyticsSettings.measures;
  const out: DecodedRow[] = [];
  for (const row of rows as unknown as DeviceWindowRow[]) {
    for (const f of windowForecasts(row, measures)) {
      out.push({ device_id: row.device_id, location: row.location, measure: f.measure, window_end: new Date(Number(row.window_end)).toISOString(), forecast_for: new Date(f.at).toISOString(), forecast: f.value, lower: f.lower ?? null, upper: f.upper ?? null, time_to_failure_s: typeof row.time_to_failure_s === 'number' ? row.time_to_failure_s : null });
    }
  }
  const names = ['device_id', 'location', 'measure', 'window_end', 'forecast_for', 'forecast', 'lower', 'upper', 'time_to_failure_s'];
  return { columns: names.map((Name) => ({ Name, Type: {} })), rows: out };
}
