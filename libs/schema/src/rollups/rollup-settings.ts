import type { MagneticStoreWriteSettings, RetentionSettings } from '../settings/timestream';
import { timestreamSettings } from '../settings/timestream';

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

export type Rollup = MeasureRollup | DataQualityRollup;

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
 * raw readings) and the hourly data quality. Every run re-computes an overlap: an hour for the minute rollup,
 * six hours (the stream's longest retry, `maximumRecordAgeSeconds`) for the hourly ones.
 */
export const rollupSettings: RollupSettings = {
  databaseName: timestreamSettings.databaseName,
  measureName: 'rollup',
  dataQualityMeasureName: 'data_quality',
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
  errorReportKeyPrefix: 'scheduled-query-errors/',
};

/** Every rollup of the settings: the measure rollups, finest first, then the data quality. */
export function rollupList(settings: RollupSettings = rollupSettings): Rollup[] {
  return [settings.perMinute, settings.perHour, settings.dataQuality];
}

/** The measure rollups, finest first. */
export function measureRollups(settings: RollupSettings = rollupSettings): MeasureRollup[] {
  return [settings.perMinute, settings.perHour];
}
