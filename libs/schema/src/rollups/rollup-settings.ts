import type { MagneticStoreWriteSettings, RetentionSettings } from '../settings/timestream';
import { timestreamSettings } from '../settings/timestream';
import { SchemaError } from '../errors';

/**
 * What a measure rollup keeps of each catalogue measure per bin. `m2` is the sum of squared deviations from the
 * bin's mean (`var_pop × count`): with `avg` and `count` it merges exactly across bins (pooled variance), so a
 * standard deviation over days is read from the bins as the readings would give it.
 */
export const ROLLUP_STATISTICS = ['avg', 'min', 'max', 'count', 'p95', 'm2'] as const;
export type RollupStatistic = (typeof ROLLUP_STATISTICS)[number];

/** The percentile `p95` stands for (Timestream's `approx_percentile`). */
export const ROLLUP_PERCENTILE = 0.95;

/** When a rollup's scheduled query runs (UTC): every `everyMinutes` (a divisor of 60, or 60), `offsetMinutes` after each boundary. */
export interface RollupSchedule {
  readonly everyMinutes: number;
  readonly offsetMinutes: number;
}

/** A derived (rollup) table: its name in the rollups database and how long it keeps what. */
export interface RollupTableSettings {
  readonly tableName: string;
  readonly retention: RetentionSettings;
  /**
   * On: bins older than the memory store (backfills with ExecuteScheduledQuery, re-runs after an outage)
   * are written to the magnetic store instead of being rejected; rejected ones are reported under the prefix.
   */
  readonly magneticStoreWrites: MagneticStoreWriteSettings;
}

interface RollupBase {
  /** Stable id: part of the scheduled query's name; the readers pick a rollup by it. */
  readonly id: string;
  readonly description: string;
  readonly binMinutes: number;
  readonly schedule: RollupSchedule;
  /**
   * Each run recomputes every bin from `bin(@scheduled_runtime, bin) - overlap` to `@scheduled_runtime`
   * (and replaces it: the run writes a higher version), so readings that arrive up to this late are folded in.
   * A whole number of bins, and with one bin no older than the target table's memory store.
   */
  readonly overlapMinutes: number;
  readonly table: RollupTableSettings;
}

/** avg/min/max/count/p95/m2 of every catalogue measure per device, location and bin. */
export interface MeasureRollup extends RollupBase {
  readonly kind: 'measures';
}

/** Per device and bin: readings received, minutes with readings, gaps, readings put aside. */
export interface DataQualityRollup extends RollupBase {
  readonly kind: 'data-quality';
}

/**
 * Per device, each measure's count, mean and m2 over a trailing window of a measure rollup's bins (the anomaly
 * baseline: the 7 days from `bin(now - window, bin)`), pooled once an hour instead of on every read. A run at T
 * writes the windows that start at `bin(T, bin) - window` and one bin later (the one in use and the next), each
 * pooled over the source's bins up to `bin(T, bin) - <the source's overlap>`: bins its later runs no longer
 * re-compute, so a row never goes stale. Readers add the source's bins from there on and the readings since.
 * `binMinutes` is the source's bin; `overlapMinutes` the windows a run writes (two: the current and the next).
 */
export interface BaselineRollup extends RollupBase {
  readonly kind: 'baseline';
  /** The measure rollup whose bins it pools. */
  readonly sourceRollupId: string;
  /** The window's length (minutes): 7 days. */
  readonly windowMinutes: number;
}

export type Rollup = MeasureRollup | DataQualityRollup | BaselineRollup;

export interface RollupSettings {
  /** Where the derived tables live (the pipeline's database: one database to grant, back up and name in dashboards). */
  readonly databaseName: string;
  /** MeasureName of the multi-measure records of the measure rollups. */
  readonly measureName: string;
  /** MeasureName of the data-quality records. */
  readonly dataQualityMeasureName: string;
  readonly perMinute: MeasureRollup;
  readonly perHour: MeasureRollup;
  readonly dataQuality: DataQualityRollup;
  readonly baseline: BaselineRollup;
  /** MeasureName of the baseline records. */
  readonly baselineMeasureName: string;
  /** Key prefix of the scheduled queries' error reports (each query adds its name). */
  readonly errorReportKeyPrefix: string;
}

const table = (tableName: string, memoryStoreRetentionHours: number, magneticStoreRetentionDays: number): RollupTableSettings => ({
  tableName,
  retention: { memoryStoreRetentionHours, magneticStoreRetentionDays },
  magneticStoreWrites: { enabled: true, rejectedDataKeyPrefix: `rejected-records/${tableName}/` },
});

/** Every hour at :05 (the stream's batching window and the Lambda's retries land the hour's last readings first), recomputing six hours. */
const HOURLY = { binMinutes: 60, schedule: { everyMinutes: 60, offsetMinutes: 5 }, overlapMinutes: 360 } as const;

/**
 * The rollups: per minute (for ranges of hours), per hour (days to months; kept two years, longer than the
 * raw readings), the hourly data quality, and the anomalies' 7-day baseline pooled from the hourly one. Every run
 * re-computes an overlap: an hour for the minute rollup, six hours (the stream's longest retry,
 * `maximumRecordAgeSeconds`) for the hourly ones.
 */
export const rollupSettings: RollupSettings = {
  databaseName: timestreamSettings.databaseName,
  measureName: 'rollup',
  dataQualityMeasureName: 'data_quality',
  baselineMeasureName: 'baseline',
  perMinute: {
    id: 'rollup-1m',
    kind: 'measures',
    description: 'avg/min/max/count/p95/m2 of every measure per device, location and minute',
    binMinutes: 1,
    schedule: { everyMinutes: 5, offsetMinutes: 0 },
    overlapMinutes: 60,
    table: table(`${timestreamSettings.tableName}-1m`, 12, 31),
  },
  perHour: { id: 'rollup-1h', kind: 'measures', description: 'avg/min/max/count/p95/m2 of every measure per device, location and hour', ...HOURLY, table: table(`${timestreamSettings.tableName}-1h`, 24, 730) },
  dataQuality: {
    id: 'data-quality-1h',
    kind: 'data-quality',
    description: 'readings received, minutes with readings, gaps and readings put aside per device and hour',
    ...HOURLY,
    table: table('data-quality-1h', 24, 730),
  },
  baseline: {
    id: 'baseline-7d',
    kind: 'baseline',
    description: 'count, mean and m2 of every measure per device and location over the 7 days of hourly bins the anomalies compare against',
    binMinutes: 60,
    // after rollup-1h's run at :05 (the bins it pools were final an hour before; the order is not relied on)
    schedule: { everyMinutes: 60, offsetMinutes: 10 },
    overlapMinutes: 60,
    sourceRollupId: 'rollup-1h',
    windowMinutes: 7 * 1440,
    // rows are stamped with their window's start, 7 days back: the memory store keeps 8 days; a day after that they go
    table: table(`${timestreamSettings.tableName}-baseline-7d`, 192, 1),
  },
  errorReportKeyPrefix: 'scheduled-query-errors/',
};

/** Every rollup of the settings: the measure rollups, finest first, then the data quality, then the baseline (it reads the hourly rollup). */
export function rollupList(settings: RollupSettings = rollupSettings): Rollup[] {
  return [settings.perMinute, settings.perHour, settings.dataQuality, settings.baseline];
}

/** The measure rollup a baseline pools (named in the error when the settings name none). */
export function baselineSourceRollup(settings: RollupSettings = rollupSettings, baseline: BaselineRollup = settings.baseline): MeasureRollup {
  const source = measureRollups(settings).find((r) => r.id === baseline.sourceRollupId);
  if (!source) throw new SchemaError(`rollup ${baseline.id}: sourceRollupId must name a measure rollup (${measureRollups(settings).map((r) => r.id).join(', ')}), got ${JSON.stringify(baseline.sourceRollupId)}`);
  return source;
}

/** The measure rollups, finest first. */
export function measureRollups(settings: RollupSettings = rollupSettings): MeasureRollup[] {
  return [settings.perMinute, settings.perHour];
}
