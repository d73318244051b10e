/**
 * Write-cost figures: 1,000,000 sensor values (250,000 messages × 4 sensors, 1,000 devices) through
 * the BUILT handler (Kinesis batches) against the local Timestream server, metered from the request
 * bodies a proxy sees, next to the recipe's design (one call per message, four single-measure records).
 *
 *   npx tsx apps/ingest-lambda/bench/write-cost.ts [--messages 250000] [--devices 1000] [--shards 4]
 *       [--batch-size 1000] [--recipe-send 25000] [--recipe-concurrency 8]
 */
import { CreateDatabaseCommand, CreateTableCommand, TimestreamWriteClient, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { buildIngestEnvironment, LOCAL_PLACEHOLDER_CREDENTIALS, timestreamSettings } from '@iot-timeseries/schema';
import { startTimestreamLocal } from '@iot-timeseries/timestream-local';
import { parseArgs } from 'node:util';
import { buildIngestLambda, bundlePath } from '../scripts/build';
import { kinesisEvent } from '../test/support/events';
import { queryRows } from '../test/support/local-stack';
import { startTimestreamProxy } from '../test/support/timestream-proxy';
import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { fleetMessages } from './fleet';
import { WriteMeter, type WriteRecordsBody } from './metering';
import { recipeWriteInput } from './recipe-design';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '250000' },
    devices: { type: 'string', default: '1000' },
    shards: { type: 'string', default: '4' },
    'batch-size': { type: 'string', default: '1000' },
    'recipe-send': { type: 'string', default: '25000' },
    'recipe-concurrency': { type: 'string', default: '8' },
  },
});
const MESSAGES = Number(args.messages);
const DEVICES = Number(args.devices);
const SHARDS = Number(args.shards);
const BATCH = Number(args['batch-size']);
const RECIPE_SEND = Math.min(Number(args['recipe-send']), MESSAGES);
const RECIPE_CONCURRENCY = Number(args['recipe-concurrency']);
const SENSORS = 4;
const credentials = LOCAL_PLACEHOLDER_CREDENTIALS;

async function main(): Promise<void> {
  await buildIngestLambda();
  const server = await startTimestreamLocal({ retentionSweepMs: 0 });
  let meter = new WriteMeter();
  const proxy = await startTimestreamProxy(server.endpoint, {
    observe: (operation, body) => {
      if (operation === 'WriteRecords') meter.add(body as WriteRecordsBody);
    },
  });
  const admin = new TimestreamWriteClient({ endpoint: server.endpoint, region: 'us-east-1', credentials });
  const db = timestreamSettings.databaseName;
  const table = timestreamSettings.tableName;
  const recipeTable = `${table}-recipe-design`;
  await admin.send(new CreateDatabaseCommand({ DatabaseName: db }));
  for (const name of [table, recipeTable]) {
    await admin.send(
      new CreateTableCommand({
        DatabaseName: db,
        TableName: name,
        RetentionProperties: { MemoryStoreRetentionPeriodInHours: timestreamSettings.retention.memoryStoreRetentionHours, MagneticStoreRetentionPeriodInDays: timestreamSettings.retention.magneticStoreRetentionDays },
      }),
    );
  }

  // ---- this Lambda: the built bundle, configured through its environment, fed Kinesis batches per shard
  Object.assign(process.env, {
    ...buildIngestEnvironment({
      databaseName: db,
      tableName: table,
      timestreamEndpoint: proxy.endpoint,
      region: 'us-east-1',
      deadLetter: { kind: 'directory', dir: `/tmp/ingest-bench-dead-letters-${process.pid}` },
      logLevel: 'ERROR',
    }),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const { handler } = require(bundlePath) as { handler: (event: unknown, context?: unknown) => Promise<{ batchItemFailures?: unknown[] }> };

  const messages = fleetMessages(MESSAGES, DEVICES, 10_000, Date.now() - 60_000);
  const shards: string[][] = Array.from({ length: SHARDS }, () => []);
  messages.forEach((m, i) => shards[(i % DEVICES) % SHARDS].push(JSON.stringify(m)));
  let sequence = 0;
  let failedItems = 0;
  const started = performance.now();
  await Promise.all(
    shards.map(async (records) => {
      for (let b = 0; b < records.length; b += BATCH) {
        const event = kinesisEvent(records.slice(b, b + BATCH), { firstSequence: (sequence += BATCH) });
        const response = await handler(event);
        failedItems += response.batchItemFailures?.length ?? 0;
      }
    }),
  );
  const ours = { ...meter, seconds: (performance.now() - started) / 1000 };
  const query = new TimestreamQueryClient({ endpoint: server.endpoint, region: 'us-east-1', credentials });
  const [{ n: rows }] = await queryRows(query, `SELECT count(*) AS n FROM "${db}"."${table}"`);

  // ---- the recipe's design: every request metered; the first RECIPE_SEND messages actually sent
  meter = new WriteMeter();
  const client = new TimestreamWriteClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  let next = 0;
  const recipeStarted = performance.now();
  await Promise.all(
    Array.from({ length: RECIPE_CONCURRENCY }, async () => {
      while (next < RECIPE_SEND) {
        const message = messages[next++];
        await client.send(new WriteRecordsCommand(recipeWriteInput(db, recipeTable, message, Date.now())));
      }
    }),
  );
  const recipeSeconds = (performance.now() - recipeStarted) / 1000;
  const sentRecipe = { ...meter };
  // Not sent: metered from the input (member names as on the wire: the awsJson body is the input minus nothing these shapes use).
  for (let i = RECIPE_SEND; i < messages.length; i++) meter.add(recipeWriteInput(db, recipeTable, messages[i], Date.now()) as WriteRecordsBody);
  const recipe = { ...meter, seconds: recipeSeconds };

  const values = MESSAGES * SENSORS;
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const line = (label: string, calls: number, units: number, records: number, recordsPerSecond: number, valuesPerRecord: number) =>
    `${label.padEnd(34)}${pad(n(calls), 12)}${pad(n(units), 14)}${pad(n(records), 12)}${pad(n(recordsPerSecond), 12)}${pad(n(recordsPerSecond * valuesPerRecord), 14)}`;
  console.log(`\n${MESSAGES.toLocaleString('en-US')} messages × ${SENSORS} sensors = ${values.toLocaleString('en-US')} sensor values, ${DEVICES} devices; Kinesis: ${SHARDS} shards, batches of ${BATCH}`);
  console.log(`${''.padEnd(34)}${pad('WriteRecords', 12)}${pad('write units', 14)}${pad('records', 12)}${pad('records/s', 12)}${pad('values/s', 14)}`);
  console.log(line('this Lambda (MULTI, batched)', ours.calls, ours.units, ours.records, ours.records / ours.seconds, SENSORS));
  console.log(line("recipe's design (1 call/message)", recipe.calls, recipe.units, recipe.records, sentRecipe.records / recipe.seconds, 1));
  console.log(`recipe records/s measured on ${RECIPE_SEND.toLocaleString('en-US')} messages actually sent (${RECIPE_CONCURRENCY} in flight); its calls and units metered on all ${MESSAGES.toLocaleString('en-US')}`);
  const callRatio = ours.calls / recipe.calls;
  const unitRatio = ours.units / recipe.units;
  console.log(`calls: 1/${(1 / callRatio).toFixed(1)} of the recipe's (target ≤ 1/100: ${callRatio <= 0.01 ? 'met' : 'MISSED'})`);
  console.log(`write units: 1/${(1 / unitRatio).toFixed(1)} of the recipe's (target ≤ 1/8: ${unitRatio <= 1 / 8 ? 'met' : 'MISSED'})`);
  console.log(`bytes per record: ${(ours.bytes / ours.records).toFixed(1)} (this Lambda) vs ${(recipe.bytes / recipe.records).toFixed(1)} (recipe); rows in table: ${rows}; failed batch items: ${failedItems}`);

  admin.destroy();
  client.destroy();
  query.destroy();
  await proxy.close();
  await server.close();
  if (Number(rows) !== MESSAGES || failedItems > 0 || callRatio > 0.01 || unitRatio > 1 / 8) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
