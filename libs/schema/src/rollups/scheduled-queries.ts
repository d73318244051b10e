import type { MultiMeasureAttributeMapping, TimestreamConfiguration } from '@aws-sdk/client-timestream-query';
import { SchemaError } from '../errors';
import { DEFAULT_CATALOGUE } from '../measures';
import { DIMENSION_NAMES } from '../settings/dimensions';
import { DATA_QUALITY_COLUMNS, ROLLUP_READINGS_COLUMN, ROLLUP_TIME_COLUMN, rollupColumn, rollupQuerySql, type RollupSourceOptions } from './rollup-sql';
import { BASELINE_POOLED_UNTIL_COLUMN, BASELINE_STATISTICS, baselineRollupSql } from './baseline-sql';
import { ROLLUP_STATISTICS, rollupList, rollupSettings, type Rollup, type RollupSchedule, type RollupStatistic, type RollupSettings } from './rollup-settings';

/** One rollup's scheduled query, as infra and the local cloud create it (they add the topic, role and bucket). */
export interface RollupScheduledQuery {
  readonly rollup: Rollup;
  /** `iot-timeseries-<environment>-<rollup id>` */
  readonly name: string;
  readonly queryString: string;
  readonly scheduleExpression: string;
  readonly target: TimestreamConfiguration;
  /** Key prefix of its error reports in the error-report bucket. */
  readonly errorReportKeyPrefix: string;
}

export interface RollupScheduledQueryOptions extends RollupSourceOptions {
  /** dev, prod, local: part of every name (scheduled-query names are unique per account and region). */
  readonly environment: string;
  readonly settings?: RollupSettings;
}

/** EventBridge-style cron for a schedule: `cron(0/5 * * * ? *)`, `cron(5 * * * ? *)`. Runs land on bin boundaries (rate() counts from the creation minute). */
export function scheduleExpression(schedule: RollupSchedule): string {
  const { everyMinutes: every, offsetMinutes: offset } = schedule;
  if (!Number.isInteger(every) || every <= 0 || 60 % every !== 0) throw new SchemaError(`schedule.everyMinutes must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got ${every}`);
  if (!Number.isInteger(offset) || offset < 0 || offset >= every) throw new SchemaError(`schedule.offsetMinutes must be a whole number from 0 to ${every - 1}, got ${offset}`);
  return every === 60 ? `cron(${offset} * * * ? *)` : `cron(${offset}/${every} * * * ? *)`;
}

const dimensionMappings = () => DIMENSION_NAMES.map((Name) => ({ Name, DimensionValueType: 'VARCHAR' as const }));

/** Where a rollup's query result goes: dimensions device_id and location, one multi-measure record per row. */
export function rollupTarget(rollup: Rollup, options: Pick<RollupScheduledQueryOptions, 'settings' | 'catalogue'> = {}): TimestreamConfiguration {
  const settings = options.settings ?? rollupSettings;
  const statistics = (list: readonly RollupStatistic[]) =>
    Object.keys(options.catalogue ?? DEFAULT_CATALOGUE).flatMap((measure) =>
      list.map((s): MultiMeasureAttributeMapping => ({ SourceColumn: rollupColumn(measure, s), MeasureValueType: s === 'count' ? 'BIGINT' : 'DOUBLE' })),
    );
  const attributes: MultiMeasureAttributeMapping[] =
    rollup.kind === 'measures'
      ? [...statistics(ROLLUP_STATISTICS), { SourceColumn: ROLLUP_READINGS_COLUMN, MeasureValueType: 'BIGINT' }]
      : rollup.kind === 'baseline'
        ? [...statistics(BASELINE_STATISTICS), { SourceColumn: BASELINE_POOLED_UNTIL_COLUMN, MeasureValueType: 'BIGINT' }]
        : Object.values(DATA_QUALITY_COLUMNS).map((SourceColumn): MultiMeasureAttributeMapping => ({ SourceColumn, MeasureValueType: 'BIGINT' }));
  const measureName = { measures: settings.measureName, 'data-quality': settings.dataQualityMeasureName, baseline: settings.baselineMeasureName }[rollup.kind];
  return {
    DatabaseName: settings.databaseName,
    TableName: rollup.table.tableName,
    TimeColumn: ROLLUP_TIME_COLUMN,
    DimensionMappings: dimensionMappings(),
    MultiMeasureMappings: {
      TargetMultiMeasureName: measureName,
      MultiMeasureAttributeMappings: attributes,
    },
  };
}

/** The scheduled-query name of a rollup in an environment. */
export function rollupScheduledQueryName(environment: string, rollup: Rollup): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(environment)) throw new SchemaError(`environment must be lower-case letters, digits and dashes, got ${JSON.stringify(environment)}`);
  return `iot-timeseries-${environment}-${rollup.id}`;
}

/** Every rollup's scheduled query: the one definition infra deploys and the local cloud creates. */
export function rollupScheduledQueries(options: RollupScheduledQueryOptions): RollupScheduledQuery[] {
  const settings = options.settings ?? rollupSettings;
  return rollupList(settings).map((rollup) => {
    checkRollup(rollup);
    const name = rollupScheduledQueryName(options.environment, rollup);
    return {
      rollup,
      name,
      queryString: rollup.kind === 'baseline' ? baselineRollupSql(rollup, { settings, catalogue: options.catalogue }) : rollupQuerySql(rollup, options),
      scheduleExpression: scheduleExpression(rollup.schedule),
      target: rollupTarget(rollup, { settings, catalogue: options.catalogue }),
      errorReportKeyPrefix: `${settings.errorReportKeyPrefix}${name}`,
    };
  });
}

/** The rules a rollup's numbers must keep (named in the error). */
export function checkRollup(rollup: Rollup): void {
  const at = `rollup ${rollup.id}`;
  if (!Number.isInteger(rollup.binMinutes) || rollup.binMinutes <= 0 || (60 % rollup.binMinutes !== 0 && rollup.binMinutes % 60 !== 0)) {
    throw new SchemaError(`${at}: binMinutes must divide an hour or be whole hours, got ${rollup.binMinutes}`);
  }
  if (rollup.overlapMinutes % rollup.binMinutes !== 0 || rollup.overlapMinutes <= 0) throw new SchemaError(`${at}: overlapMinutes must be a positive whole number of bins, got ${rollup.overlapMinutes}`);
  if (rollup.schedule.everyMinutes % rollup.binMinutes !== 0 && rollup.binMinutes % rollup.schedule.everyMinutes !== 0) {
    throw new SchemaError(`${at}: the schedule (every ${rollup.schedule.everyMinutes} min) and the bin (${rollup.binMinutes} min) must divide one another`);
  }
  // a baseline's rows are stamped with their window's start: up to the window (and a bin) old
  const oldestBinHours = (rollup.overlapMinutes + rollup.binMinutes + (rollup.kind === 'baseline' ? rollup.windowMinutes : 0)) / 60;
  if (oldestBinHours > rollup.table.retention.memoryStoreRetentionHours) {
    throw new SchemaError(`${at}: a run writes bins up to ${oldestBinHours} h old, older than the memory store of ${rollup.table.tableName} (${rollup.table.retention.memoryStoreRetentionHours} h)`);
  }
  scheduleExpression(rollup.schedule);
}
