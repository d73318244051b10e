import type { Logger } from '@aws-lambda-powertools/logger';
import { WriteRecordsCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { rollupSeedRequests, rollupSettings, type RollupSettings } from '@iot-timeseries/schema';

export interface RollupSeedDeps {
  writeClient: Pick<TimestreamWriteClient, 'send'>;
  /** The database of the rollup tables (the readings'). */
  config: { databaseName: string };
  logger: Pick<Logger, 'info'>;
  /** The rollups (libs/schema's by default; their tables in `config.databaseName`). */
  settings?: RollupSettings;
  clock?: () => number;
}

export interface RollupSeedResult {
  seeded: { tables: string[]; time: string };
}

/**
 * The rollup-seed function (handler `index.rollupSeedHandler`; infra invokes it once the rollup tables exist):
 * writes each rollup table's seed record (libs/schema's `rollupSeedRequests`: every column its scheduled query
 * writes, under the seed's measure name no reader selects), so that the long ranges read empty rollups instead of
 * failing with "Column ... does not exist" until the first run. It is its own function so that only it, not the
 * ingest function, may write to the rollup tables. Any failure is thrown: the deployment that invoked it fails.
 */
export function createRollupSeedHandler(deps: RollupSeedDeps): () => Promise<RollupSeedResult> {
  const settings = { ...(deps.settings ?? rollupSettings), databaseName: deps.config.databaseName };
  return async () => {
    const started = (deps.clock ?? Date.now)();
    const requests = rollupSeedRequests(started, settings);
    for (const request of requests) await deps.writeClient.send(new WriteRecordsCommand(request));
    const tables = requests.map((r) => r.TableName as string);
    deps.logger.info('rollup seed records written', { databaseName: settings.databaseName, tables });
    return { seeded: { tables, time: new Date(started).toISOString() } };
  };
}
