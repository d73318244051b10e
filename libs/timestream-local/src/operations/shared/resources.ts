import type { Database, Table } from '@aws-sdk/client-timestream-write';
import { ResourceNotFoundException } from '../../errors';
import type { DatabaseRecord, TableRecord } from '../../storage/resource-types';
import type { OperationContext, ServiceSettings } from './context';

export const databaseArn = (s: ServiceSettings, db: string): string => `arn:aws:timestream:${s.region}:${s.accountId}:database/${db}`;
export const tableArn = (s: ServiceSettings, db: string, table: string): string => `${databaseArn(s, db)}/table/${table}`;
export const defaultKmsKeyId = (s: ServiceSettings): string => `arn:aws:kms:${s.region}:${s.accountId}:alias/aws/timestream`;

export function toDatabase(record: DatabaseRecord, tableCount: number): Database {
  return {
    Arn: record.arn,
    DatabaseName: record.name,
    TableCount: tableCount,
    KmsKeyId: record.kmsKeyId,
    CreationTime: new Date(record.creationTime),
    LastUpdatedTime: new Date(record.lastUpdatedTime),
  };
}

export function toTable(record: TableRecord): Table {
  const s = record.settings;
  return {
    Arn: record.arn,
    TableName: record.name,
    DatabaseName: record.databaseName,
    TableStatus: 'ACTIVE',
    RetentionProperties: {
      MemoryStoreRetentionPeriodInHours: s.memoryStoreRetentionHours,
      MagneticStoreRetentionPeriodInDays: s.magneticStoreRetentionDays,
    },
    CreationTime: new Date(record.creationTime),
    LastUpdatedTime: new Date(record.lastUpdatedTime),
    MagneticStoreWriteProperties: {
      EnableMagneticStoreWrites: s.enableMagneticStoreWrites,
      ...(s.rejectedDataLocation ? { MagneticStoreRejectedDataLocation: { S3Configuration: s.rejectedDataLocation as never } } : {}),
    },
    Schema: { CompositePartitionKey: (s.compositePartitionKey ?? [{ Type: 'MEASURE' }]) as never },
  };
}

export function requireDatabase(ctx: OperationContext, name: string): DatabaseRecord {
  const db = ctx.storage.getDatabase(name);
  if (!db) throw new ResourceNotFoundException(`The database ${name} does not exist.`);
  return db;
}

export function requireTable(ctx: OperationContext, dbName: string, tableName: string): TableRecord {
  requireDatabase(ctx, dbName);
  const table = ctx.storage.getTableRecord(dbName, tableName);
  if (!table) throw new ResourceNotFoundException(`The table ${tableName} does not exist.`);
  return table;
}

/** The database or table an ARN names, if it exists. */
export function resolveArn(ctx: OperationContext, arn: string): { database: string; table?: string } | undefined {
  const match = /^arn:aws[a-z-]*:timestream:[^:]*:[^:]*:database\/([^/]+)(?:\/table\/([^/]+))?$/.exec(arn);
  if (!match) return undefined;
  const [, database, table] = match;
  if (table === undefined) return ctx.storage.getDatabase(database)?.arn === arn ? { database } : undefined;
  return ctx.storage.getTableRecord(database, table)?.arn === arn ? { database, table } : undefined;
}
