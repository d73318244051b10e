import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { StorageError } from '../errors';
import type { TableMeta } from './catalog-types';
import { deleteMetaSql, loadMetadata, metaKey, putMetaSql, selectMetaByPrefixSql, type StoredTable } from './metadata-store';
import type { ObjectStore } from '../objects/object-store';
import { registerEngineFunctions } from './registered-functions';
import { writeRejectedDataReport } from './rejected-data-reports';
import type { DatabaseRecord, TableRecord, Tag } from './resource-types';
import { SerialQueue } from './serial-queue';
import { emptyLayout, quoteIdent, tableMetaOf } from './table-layout';
import { TableStore } from './table-store';
import type { RejectedDataReport, TimestreamStorage } from './timestream-storage';
import type { RecordToStore, StoreResult } from './write-types';

export interface DuckDbStorageOptions {
  /** directory for the database file; in memory when absent */
  dataDir?: string;
  /** where rejected-data reports go (not kept when absent) */
  objects?: ObjectStore;
  /** clock in epoch milliseconds (retention cutoffs) */
  now?: () => number;
  /** records per table the write path keeps in memory (default 1,000,000; older ones are looked up in the table) */
  indexedRecords?: number;
}

interface WriteJob {
  records: RecordToStore[];
  resolve(results: StoreResult[]): void;
  reject(error: unknown): void;
}

export const DATABASE_FILE = 'timestream.duckdb';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Oldest visible time of a table: retention is the longer of the memory and magnetic store periods. */
export function retentionCutoffMs(table: TableRecord, nowMs: number): number {
  const s = table.settings;
  return nowMs - Math.max(s.memoryStoreRetentionHours * HOUR_MS, s.magneticStoreRetentionDays * DAY_MS);
}

export class DuckDbStorage implements TimestreamStorage {
  private readonly queue = new SerialQueue();
  private readonly writeGroups = new Map<TableStore, WriteJob[]>();
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly databases: Map<string, DatabaseRecord>,
    private readonly tables: Map<string, Map<string, TableStore>>,
    private readonly tags: Map<string, Tag[]>,
    private readonly options: DuckDbStorageOptions,
  ) {}

  static async open(options: DuckDbStorageOptions = {}): Promise<DuckDbStorage> {
    let file = ':memory:';
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      file = path.join(options.dataDir, DATABASE_FILE);
    }
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    registerEngineFunctions(connection);
    const meta = await loadMetadata(connection);
    const tables = new Map<string, Map<string, TableStore>>();
    for (const [db, byName] of meta.tables) {
      tables.set(db, new Map([...byName].map(([name, stored]) => [name, new TableStore(connection, stored, options.indexedRecords)] as const)));
    }
    return new DuckDbStorage(instance, connection, meta.databases, tables, meta.tags, options);
  }

  private nowMs(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  private mutate<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StorageError('storage is closed'));
    return this.queue.run(async () => {
      try {
        return await task();
      } catch (cause) {
        throw cause instanceof StorageError ? cause : new StorageError('storage operation failed', { cause });
      }
    });
  }

  private async transaction(statements: string[]): Promise<void> {
    await this.connection.run('BEGIN TRANSACTION');
    try {
      for (const sql of statements) await this.connection.run(sql);
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  // ---- query engine interface

  async listDatabases(): Promise<string[]> {
    return [...this.databases.keys()].sort();
  }

  async listTables(db: string): Promise<string[]> {
    return [...(this.tables.get(db)?.keys() ?? [])].sort();
  }

  async databaseExists(db: string): Promise<boolean> {
    return this.databases.has(db);
  }

  async getTable(db: string, table: string): Promise<TableMeta | undefined> {
    const store = this.tables.get(db)?.get(table);
    if (!store) return undefined;
    const cutoffMs = retentionCutoffMs(store.stored.table, this.nowMs());
    return tableMetaOf(db, table, store.stored.table.arn, store.layout, BigInt(cutoffMs) * 1_000_000n);
  }

  async runQuery(sql: string, signal?: AbortSignal): Promise<{ columns: { name: string; duckType: string }[]; rows: unknown[][] }> {
    if (signal?.aborted) throw new StorageError('query cancelled');
    const connection = await this.instance.connect();
    const onAbort = () => connection.interrupt();
    signal?.addEventListener('abort', onAbort);
    try {
      const reader = await connection.runAndReadAll(sql);
      const types = reader.columnTypes();
      return {
        columns: reader.columnNames().map((name, i) => ({ name, duckType: types[i].toString() })),
        rows: reader.getRowsJS() as unknown[][],
      };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      connection.closeSync();
    }
  }

  // ---- databases

  getDatabase(name: string): DatabaseRecord | undefined {
    return this.databases.get(name);
  }

  listDatabaseRecords(): DatabaseRecord[] {
    return [...this.databases.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  createDatabase(database: DatabaseRecord, tags: Tag[]): Promise<void> {
    return this.mutate(async () => {
      await this.transaction([putMetaSql(metaKey.database(database.name), database), putMetaSql(metaKey.tags(database.arn), tags)]);
      this.databases.set(database.name, database);
      this.tags.set(database.arn, tags);
    });
  }

  updateDatabase(database: DatabaseRecord): Promise<void> {
    return this.mutate(async () => {
      await this.transaction([putMetaSql(metaKey.database(database.name), database)]);
      this.databases.set(database.name, database);
    });
  }

  deleteDatabase(name: string): Promise<void> {
    return this.mutate(async () => {
      const db = this.databases.get(name);
      if (!db) return;
      await this.transaction([deleteMetaSql(metaKey.database(name)), deleteMetaSql(metaKey.tags(db.arn))]);
      this.databases.delete(name);
      this.tags.delete(db.arn);
      this.tables.delete(name);
    });
  }

  // ---- tables

  getTableRecord(db: string, table: string): TableRecord | undefined {
    return this.tables.get(db)?.get(table)?.stored.table;
  }

  listTableRecords(db: string): TableRecord[] {
    return [...(this.tables.get(db)?.values() ?? [])].map((s) => s.stored.table).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  createTable(table: TableRecord, tags: Tag[]): Promise<void> {
    return this.mutate(async () => {
      const stored: StoredTable = { table, layout: emptyLayout(`t_${randomBytes(8).toString('hex')}`) };
      await this.transaction([
        `CREATE TABLE main.${quoteIdent(stored.layout.storageName)} ("__version" BIGINT NOT NULL, "measure_name" VARCHAR NOT NULL, "time" TIMESTAMP_NS NOT NULL)`,
        putMetaSql(metaKey.table(table.databaseName, table.name), stored),
        putMetaSql(metaKey.tags(table.arn), tags),
      ]);
      if (!this.tables.has(table.databaseName)) this.tables.set(table.databaseName, new Map());
      this.tables.get(table.databaseName)?.set(table.name, new TableStore(this.connection, stored, this.options.indexedRecords));
      this.tags.set(table.arn, tags);
    });
  }

  updateTable(table: TableRecord): Promise<void> {
    return this.mutate(async () => {
      const store = this.tables.get(table.databaseName)?.get(table.name);
      if (!store) throw new StorageError(`table ${table.name} is gone`);
      const stored: StoredTable = { table, layout: store.layout };
      await this.transaction([putMetaSql(metaKey.table(table.databaseName, table.name), stored)]);
      store.stored = stored;
    });
  }

  deleteTable(db: string, table: string): Promise<void> {
    return this.mutate(async () => {
      const store = this.tables.get(db)?.get(table);
      if (!store) return;
      store.closeAppender();
      await this.transaction([
        `DROP TABLE IF EXISTS main.${quoteIdent(store.layout.storageName)}`,
        deleteMetaSql(metaKey.table(db, table)),
        deleteMetaSql(metaKey.tags(store.stored.table.arn)),
      ]);
      this.tables.get(db)?.delete(table);
      this.tags.delete(store.stored.table.arn);
    });
  }

  // ---- tags

  getTags(arn: string): Tag[] | undefined {
    return this.tags.get(arn);
  }

  setTags(arn: string, tags: Tag[]): Promise<void> {
    return this.mutate(async () => {
      await this.transaction([putMetaSql(metaKey.tags(arn), tags)]);
      this.tags.set(arn, tags);
    });
  }

  // ---- documents of other parts of the server

  readDocuments(prefix: string): Promise<Array<{ key: string; value: unknown }>> {
    return this.mutate(async () => {
      const reader = await this.connection.runAndReadAll(selectMetaByPrefixSql(prefix));
      return (reader.getRowsJS() as Array<[string, string]>).map(([key, value]) => ({ key, value: JSON.parse(value) as unknown }));
    });
  }

  writeDocuments(changes: Array<{ key: string; value?: unknown }>): Promise<void> {
    return this.mutate(() => this.transaction(changes.map((c) => (c.value === undefined ? deleteMetaSql(c.key) : putMetaSql(c.key, c.value)))));
  }

  // ---- records

  /** Calls queued while a write runs are written together with one commit (group commit). */
  writeRecords(db: string, table: string, records: RecordToStore[]): Promise<StoreResult[]> {
    const store = this.tables.get(db)?.get(table);
    if (!store) return Promise.reject(new StorageError(`table ${db}.${table} is gone`));
    return new Promise<StoreResult[]>((resolve, reject) => {
      let group = this.writeGroups.get(store);
      if (!group) {
        const jobs: WriteJob[] = [];
        group = jobs;
        this.writeGroups.set(store, jobs);
        // start after pending I/O callbacks ran, so calls that already arrived join this group
        setImmediate(() => {
          this.mutate(async () => {
            this.writeGroups.delete(store);
            if (this.tables.get(db)?.get(table) !== store) throw new StorageError(`table ${db}.${table} is gone`);
            return store.writeGroup(jobs.map((j) => j.records));
          }).then(
            (results) => jobs.forEach((job, i) => job.resolve(results[i])),
            (error) => jobs.forEach((job) => job.reject(error)),
          );
        });
      }
      group.push({ records, resolve, reject });
    });
  }

  async saveRejectedDataReport(report: RejectedDataReport): Promise<string | undefined> {
    if (!this.options.objects) return undefined;
    return writeRejectedDataReport(this.options.objects, report);
  }

  sweepRetention(): Promise<void> {
    return this.mutate(async () => {
      const now = this.nowMs();
      for (const byName of this.tables.values()) {
        for (const store of byName.values()) {
          const cutoffMs = retentionCutoffMs(store.stored.table, now);
          await store.deleteBefore(BigInt(cutoffMs) * 1_000_000n, cutoffMs);
        }
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.run(async () => {
      this.closed = true;
      for (const byName of this.tables.values()) for (const store of byName.values()) store.closeAppender();
      if (this.options.dataDir) await this.connection.run('CHECKPOINT').catch(() => undefined);
      this.connection.closeSync();
      this.instance.closeSync();
    });
  }
}
