import { anomalies } from './builders/anomalies';
import type { BuiltQuery } from './builders/built-query';
import { completeness } from './builders/completeness';
import { dataQuality } from './builders/data-quality';
import { deviceCompleteness } from './builders/device-completeness';
import { dimensionValues } from './builders/dimension-values';
import { gapFilledSeries } from './builders/gap-filled-series';
import { latestReadings } from './builders/latest-readings';
import { measureSeries } from './builders/measure-series';
import { percentiles } from './builders/percentiles';
import { rangeSeries } from './builders/range-series';
import { rollupRows } from './builders/rollup-rows';
import { staleDevices } from './builders/stale-devices';
import { trends } from './builders/trends';

/** Every named analytic, for tools (the CLI, the dashboard) that pick one by name. */
export const ANALYTICS = {
  'latest-readings': { description: 'latest reading per device and measure', build: latestReadings },
  trends: { description: 'avg/min/max/count per device, measure and time bin', build: trends },
  anomalies: { description: 'readings whose z-score against a baseline exceeds a threshold', build: anomalies },
  'stale-devices': { description: 'devices whose last reading is older than a threshold', build: staleDevices },
  percentiles: { description: 'p50/p90/p99 of a measure per device', build: percentiles },
  'gap-filled-series': { description: 'a measure per device, binned and linearly interpolated', build: gapFilledSeries },
  completeness: { description: 'readings received vs expected per device and bin', build: completeness },
  'device-completeness': { description: 'readings received vs expected per device over the ended bins, from its first reading', build: deviceCompleteness },
  'measure-series': { description: 'one measure per device, averaged per time bin', build: measureSeries },
  'dimension-values': { description: 'the distinct values of a dimension (location by default)', build: dimensionValues },
  'range-series': { description: 'avg/min/max/count per device and bin over a range, from the rollups when the range is long', build: rangeSeries },
  rollups: { description: "a measure rollup's rows (avg/min/max/count/p95/m2 per device and minute or hour)", build: rollupRows },
  'data-quality': { description: 'readings received vs expected, silent minutes, gaps and readings put aside per device', build: dataQuality },
} as const satisfies Record<string, { description: string; build: (options: never) => BuiltQuery<unknown> }>;

export type AnalyticName = keyof typeof ANALYTICS;
export const ANALYTIC_NAMES = Object.keys(ANALYTICS) as AnalyticName[];
