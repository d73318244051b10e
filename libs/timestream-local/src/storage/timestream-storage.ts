import type { Storage } from './catalog-types';
import type { DatabaseRecord, TableRecord, Tag } from './resource-types';
import type { RecordToStore, StoreResult } from './write-types';

export interface RejectedDataReport {
  databaseName: string;
  tableName: string;
  tableArn: string;
  requestId: string;
  reportedAt: string;
  bucketName: string;
  objectKeyPrefix?: string;
  rejectedRecords: Array<{
    recordIndex: number;
    reason: string;
    existingVersion?: number;
    record: {
      dimensions: Array<{ name: string; value: string }>;
      measureName: string;
      measureValueType: string;
      measureValues: Array<{ name: string; type: string; value: string }>;
      timeNanoseconds: string;
      version: number;
    };
  }>;
}

/** Everything the write-service operations need from storage (a superset of the query engine's `Storage`). */
export interface TimestreamStorage extends Storage {
  getDatabase(name: string): DatabaseRecord | undefined;
  listDatabaseRecords(): DatabaseRecord[];
  createDatabase(database: DatabaseRecord, tags: Tag[]): Promise<void>;
  updateDatabase(database: DatabaseRecord): Promise<void>;
  deleteDatabase(name: string): Promise<void>;
  getTableRecord(db: string, table: string): TableRecord | undefined;
  listTableRecords(db: string): TableRecord[];
  createTable(table: TableRecord, tags: Tag[]): Promise<void>;
  updateTable(table: TableRecord): Promise<void>;
  deleteTable(db: string, table: string): Promise<void>;
  getTags(arn: string): Tag[] | undefined;
  setTags(arn: string, tags: Tag[]): Promise<void>;
  writeRecords(db: string, table: string, records: RecordToStore[]): Promise<StoreResult[]>;
  /** Writes a report of rejected magnetic-store records; returns its `s3://` location (undefined when not kept). */
  saveRejectedDataReport(report: RejectedDataReport): Promise<string | undefined>;
  /** JSON documents other parts of the server keep in the metadata store (scheduled queries), by key prefix. */
  readDocuments(prefix: string): Promise<Array<{ key: string; value: unknown }>>;
  /** Writes documents (a change without `value` deletes its key) in one transaction. */
  writeDocuments(changes: Array<{ key: string; value?: unknown }>): Promise<void>;
  /** Deletes rows past retention in every table. */
  sweepRetention(): Promise<void>;
  close(): Promise<void>;
}
