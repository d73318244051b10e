/**
 * The local stack's schema seed (terraform_data's local-exec runs it before the scheduled queries are created):
 * writes libs/schema's seed record into the readings' table of the local Timestream server, as the ingest
 * function does for the AWS stacks when infra invokes it with SCHEMA_SEED_EVENT, and each rollup table's seed
 * record (`rollupSeedRequests`), as the rollup-seed function does on AWS.
 *
 *   LOCAL_TIMESTREAM_ENDPOINT=http://127.0.0.1:8000 tsx scripts/seed-local-table.ts
 */
import { TimestreamWriteClient, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { LOCAL_PLACEHOLDER_CREDENTIALS, rollupSeedRequests, schemaSeedRecord, timestreamSettings } from '@iot-timeseries/schema';
import { loadConfig } from '../src/config';

async function main(): Promise<void> {
  const { localEndpoint } = loadConfig();
  const client = new TimestreamWriteClient({ endpoint: localEndpoint, region: 'us-east-1', credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 3 });
  try {
    const record = schemaSeedRecord(Date.now());
    await client.send(new WriteRecordsCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, Records: [record] }));
    console.log(`wrote the schema seed record (${record.MeasureName}) to ${timestreamSettings.databaseName}.${timestreamSettings.tableName} at ${localEndpoint}`);
    const rollups = rollupSeedRequests(Date.now());
    for (const request of rollups) await client.send(new WriteRecordsCommand(request));
    console.log(`wrote the rollup tables' seed records to ${rollups.map((r) => r.TableName).join(', ')}`);
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`seed-local-table: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
