import { chooseSource, RAW_RANGE_LIMIT_MS, rangeBinMs, type RangeSource } from '@iot-timeseries/queries';
import { DashboardRangeError } from './errors';

/** The time ranges the page offers: the short one reads raw readings, the long ones the rollups. */
export const DASHBOARD_RANGES = [
  { id: '15m', label: '15 min', minutes: 15 },
  { id: '6h', label: '6 h', minutes: 6 * 60 },
  { id: '24h', label: '24 h', minutes: 24 * 60 },
  { id: '7d', label: '7 d', minutes: 7 * 24 * 60 },
  { id: '30d', label: '30 d', minutes: 30 * 24 * 60 },
] as const;

export type DashboardRangeId = (typeof DASHBOARD_RANGES)[number]['id'];
export const DEFAULT_RANGE: DashboardRangeId = '15m';

/** What one range reads: its bin and where its series comes from. */
export interface RangeView {
  id: DashboardRangeId;
  label: string;
  minutes: number;
  binMs: number;
  source: RangeSource;
}

/** Picks a bin so a chart has at most ~240 points across the window, never below 1 s. */
export function chooseBinSeconds(windowMinutes: number, intervalMs: number): number {
  const byWindow = Math.ceil((windowMinutes * 60) / 240);
  return Math.max(1, Math.ceil(intervalMs / 1000), byWindow);
}

/**
 * The range `id` (default 15 min) with its bin and source: up to an hour any bin of ~240 points over raw
 * readings; longer ranges step through whole bins a rollup can make (libs/queries' `rangeBinMs`), and
 * `chooseSource` picks the rollup. Throws DashboardRangeError naming the ranges for an unknown id.
 */
export function rangeView(id: string | null | undefined, expectedIntervalMs: number): RangeView {
  const range = DASHBOARD_RANGES.find((r) => r.id === (id ?? DEFAULT_RANGE));
  if (!range) throw new DashboardRangeError(`range must be one of ${DASHBOARD_RANGES.map((r) => r.id).join(', ')}, got ${JSON.stringify(id)}`);
  const rangeMs = range.minutes * 60_000;
  const binMs = rangeMs <= RAW_RANGE_LIMIT_MS ? chooseBinSeconds(range.minutes, expectedIntervalMs) * 1000 : rangeBinMs(rangeMs, { minBinMs: expectedIntervalMs });
  return { ...range, binMs, source: chooseSource(rangeMs, binMs) };
}

/** How the page names a range's source: `raw readings`, `per-minute rollup (sensor-data-1m) + raw readings since its last run`. */
export function sourceLabel(source: RangeSource): string {
  if (source.kind === 'raw') return 'raw readings';
  const { rollup } = source;
  const grain = rollup.binMinutes === 1 ? 'per-minute' : rollup.binMinutes === 60 ? 'hourly' : `${rollup.binMinutes}-minute`;
  return `${grain} rollup (${rollup.table.tableName}) + raw readings since its last run`;
}
