import {
  ConflictException,
  CreateDatabaseCommand,
  CreateTableCommand,
  DescribeDatabaseCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type TimestreamWriteClient,
} from '@aws-sdk/client-timestream-write';
import type { TimestreamSettings } from '@iot-timeseries/schema';

/**
 * Creates the database and table from settings when they are missing; returns what it created.
 * `rejectedDataBucket` names the (local) bucket for late-record reports: the local Timestream
 * server writes them under its data directory, in a folder of that name and the settings' prefix.
 */
export async function ensureDatabaseAndTable(client: TimestreamWriteClient, settings: TimestreamSettings, rejectedDataBucket: string): Promise<string[]> {
  const created: string[] = [];
  const { databaseName, tableName } = settings;
  if (!(await exists(() => client.send(new DescribeDatabaseCommand({ DatabaseName: databaseName }))))) {
    await ignoreConflict(() =>
      client.send(new CreateDatabaseCommand({ DatabaseName: databaseName, Tags: Object.entries(settings.tags).map(([Key, Value]) => ({ Key, Value })) })),
    );
    created.push(`database ${databaseName}`);
  }
  if (!(await exists(() => client.send(new DescribeTableCommand({ DatabaseName: databaseName, TableName: tableName }))))) {
    await ignoreConflict(() =>
      client.send(
        new CreateTableCommand({
          DatabaseName: databaseName,
          TableName: tableName,
          RetentionProperties: {
            MemoryStoreRetentionPeriodInHours: settings.retention.memoryStoreRetentionHours,
            MagneticStoreRetentionPeriodInDays: settings.retention.magneticStoreRetentionDays,
          },
          MagneticStoreWriteProperties: {
            EnableMagneticStoreWrites: settings.magneticStoreWrites.enabled,
            MagneticStoreRejectedDataLocation: {
              S3Configuration: { BucketName: rejectedDataBucket, ObjectKeyPrefix: settings.magneticStoreWrites.rejectedDataKeyPrefix, EncryptionOption: 'SSE_S3' },
            },
          },
          // As apps/infra's local stack declares them, so `infra:deploy --configuration=local` finds nothing to change.
          Tags: Object.entries(settings.tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      ),
    );
    created.push(`table ${databaseName}.${tableName}`);
  }
  return created;
}

/** True when the describe call finds the resource, false on ResourceNotFoundException. */
export async function exists(describe: () => Promise<unknown>): Promise<boolean> {
  try {
    await describe();
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as { name?: string }).name === 'ResourceNotFoundException') return false;
    throw error;
  }
}

/** Runs a create call; a ConflictException (created meanwhile) is not an error. */
export async function ignoreConflict(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (error instanceof ConflictException || (error as { name?: string }).name === 'ConflictException') return;
    throw error;
  }
}
