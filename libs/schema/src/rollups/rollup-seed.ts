import type { _Record, WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import type { MeasureCatalogue } from '../measures';
import { rollupList, rollupSettings, type Rollup, type RollupSettings } from './rollup-settings';
import { rollupTarget } from './scheduled-queries';
import { seedRecord } from './source-records';

/**
 * A rollup table has no columns until a run writes rows, and readers fail on it ("Column 'device_id' does not
 * exist") until then: for up to an hour after a deployment, or longer while no readings arrive. This seed record
 * gives it every column the rollup writes (value 0, typed as the target mapping types them), under the seed's
 * measure name, which no reader selects (they read `rollup` / `data_quality`).
 */
export function rollupSeedRecord(rollup: Rollup, timeMs: number, catalogue?: MeasureCatalogue): _Record {
  const mappings = rollupTarget(rollup, { catalogue }).MultiMeasureMappings?.MultiMeasureAttributeMappings ?? [];
  return seedRecord(
    mappings.map((m) => ({ Name: m.TargetMultiMeasureAttributeName ?? m.SourceColumn, Value: '0', Type: m.MeasureValueType })),
    timeMs,
  );
}

/** The event that asks the rollup-seed function to seed every rollup table (infra's `aws_lambda_invocation` after it creates them). */
export const ROLLUP_SEED_EVENT = { action: 'seed-rollup-tables' } as const;

/** One WriteRecords request per rollup table of the settings, each with that table's seed record at `timeMs`. */
export function rollupSeedRequests(timeMs: number, settings: RollupSettings = rollupSettings, catalogue?: MeasureCatalogue): WriteRecordsCommandInput[] {
  return rollupList(settings).map((rollup) => ({ DatabaseName: settings.databaseName, TableName: rollup.table.tableName, Records: [rollupSeedRecord(rollup, timeMs, catalogue)] }));
}
