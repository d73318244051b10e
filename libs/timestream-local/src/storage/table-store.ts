import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { loadRecordIndex } from './index-loader';
import { putMetaSql, metaKey, type StoredTable } from './metadata-store';
import { recordKey, valueHash } from './record-key';
import type { RecordIndex } from './record-index';
import { appendRow, columnPlan, physicalRow, sqlLiteral, type ColumnPlan } from './row-values';
import { SchemaTracker } from './schema-tracker';
import { DUCK_TYPES, quoteIdent, type TableLayout } from './table-layout';
import type { RecordToStore, StoreResult } from './write-types';

interface PendingRow {
  record: RecordToStore;
  key: string;
  hash: number;
  replaces: boolean;
}

/** The write path of one table: schema checks, version checks against the index, bulk append. */
export class TableStore {
  private index?: RecordIndex;
  private appender?: DuckDBAppender;
  private inTransaction = false;
  private plan: ColumnPlan;

  constructor(
    private readonly connection: DuckDBConnection,
    public stored: StoredTable,
  ) {
    this.plan = columnPlan(stored.layout);
  }

  get layout(): TableLayout {
    return this.stored.layout;
  }

  /**
   * Writes several calls' records as one group: each call is checked in order (later calls see earlier ones),
   * rows are appended, and one commit makes them all durable before any call is answered.
   */
  async writeGroup(calls: RecordToStore[][]): Promise<StoreResult[][]> {
    const index = (this.index ??= await loadRecordIndex(this.connection, this.layout));
    const pending = new Map<string, PendingRow>();
    const appended: PendingRow[] = [];
    let unflushed = false;
    const out: StoreResult[][] = [];
    try {
      for (const records of calls) {
        const tracker = new SchemaTracker(this.layout);
        const results: StoreResult[] = new Array(records.length);
        const rows: Array<PendingRow | undefined> = [];
        const inCall = new Map<string, number>();
        records.forEach((record, i) => {
          const problem = tracker.admit(record);
          if (problem) {
            results[i] = { status: 'REJECTED', problem };
            return;
          }
          const key = recordKey(record.measureName, record.dimensions, record.timeNs);
          const hash = valueHash(record.values);
          const earlier = pending.get(key);
          const current = earlier ? ([earlier.record.version, earlier.hash] as const) : index.get(key);
          if (current) {
            const [version, currentHash] = current;
            if (record.version < version) {
              results[i] = { status: 'REJECTED', problem: { kind: 'VERSION_LOWER', existingVersion: version, version: record.version } };
              return;
            }
            if (record.version === version) {
              results[i] = currentHash === hash ? { status: 'UNCHANGED' } : { status: 'REJECTED', problem: { kind: 'VERSION_SAME', existingVersion: version } };
              return;
            }
          }
          const row: PendingRow = { record, key, hash, replaces: current !== undefined };
          const at = inCall.get(key);
          if (at !== undefined) {
            row.replaces = (rows[at] as PendingRow).replaces;
            rows[at] = undefined;
          }
          inCall.set(key, rows.length);
          rows.push(row);
          pending.set(key, row);
          results[i] = { status: 'STORED' };
        });
        const toWrite = rows.filter((r): r is PendingRow => r !== undefined);
        if (tracker.columnsAdded || tracker.measuresChanged || toWrite.some((r) => r.replaces)) {
          if (unflushed) await this.commit();
          unflushed = false;
          await this.applySchema(tracker);
        }
        if (toWrite.some((r) => r.replaces)) {
          await this.writeWithReplace(toWrite);
        } else if (toWrite.length > 0) {
          await this.append(toWrite);
          unflushed = true;
        }
        appended.push(...toWrite);
        out.push(results);
      }
      if (unflushed) await this.commit();
    } catch (error) {
      await this.abandon();
      this.index = undefined; // rebuilt from what was committed
      throw error;
    }
    for (const r of appended) index.set(r.key, [r.record.version, r.hash, r.record.timeMs]);
    return out;
  }

  private async applySchema(tracker: SchemaTracker): Promise<void> {
    if (!tracker.columnsAdded && !tracker.measuresChanged) return;
    const draft = tracker.draft;
    const table = `main.${quoteIdent(draft.storageName)}`;
    const statements: string[] = [];
    // new columns in physical order, which is the order the appender fills them
    const valueType = new Map(draft.values.map((v) => [v.column, v.type] as const));
    for (const column of draft.physicalOrder.slice(this.layout.physicalOrder.length)) {
      const type = valueType.get(column);
      statements.push(`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(column)} ${type ? DUCK_TYPES[type] : 'VARCHAR'}`);
    }
    const next: StoredTable = { table: this.stored.table, layout: draft };
    statements.push(putMetaSql(metaKey.table(next.table.databaseName, next.table.name), next));
    await this.transaction(statements);
    this.stored = next;
    if (tracker.columnsAdded) {
      this.closeAppender();
      this.plan = columnPlan(draft);
    }
  }

  /**
   * Rows go through DuckDB's Appender inside an explicit transaction: the flush only moves them into the
   * transaction, and the COMMIT (WAL write and sync) runs on DuckDB's threads, so the event loop keeps
   * parsing the next calls meanwhile; they form the next group and share its commit.
   */
  private async append(rows: PendingRow[]): Promise<void> {
    const appender = (this.appender ??= await this.connection.createAppender(this.layout.storageName, 'main'));
    if (!this.inTransaction) {
      await this.connection.run('BEGIN TRANSACTION');
      this.inTransaction = true;
    }
    for (const r of rows) appendRow(appender, physicalRow(r.record, this.plan), this.plan.types);
  }

  private async commit(): Promise<void> {
    this.appender?.flushSync();
    if (this.inTransaction) {
      this.inTransaction = false;
      await this.connection.run('COMMIT');
    }
  }

  /** Drops whatever a failed group left uncommitted. */
  private async abandon(): Promise<void> {
    try {
      this.appender?.clear();
    } catch {
      // nothing buffered
    }
    this.closeAppender();
    if (this.inTransaction) {
      this.inTransaction = false;
      await this.connection.run('ROLLBACK').catch(() => undefined);
    }
  }

  private async writeWithReplace(rows: PendingRow[]): Promise<void> {
    const table = `main.${quoteIdent(this.layout.storageName)}`;
    const conditions = rows
      .filter((r) => r.replaces)
      .map((r) => {
        const dims = new Map(r.record.dimensions.map((d) => [d.name, d.value] as const));
        const parts = [`measure_name = ${sqlLiteral(r.record.measureName, 'VARCHAR')}`, `"time" = ${sqlLiteral(r.record.timeNs.toString(), 'TIMESTAMP')}`];
        for (const d of this.layout.dimensions) {
          const value = dims.get(d.name);
          parts.push(value === undefined ? `${quoteIdent(d.column)} IS NULL` : `${quoteIdent(d.column)} = ${sqlLiteral(value, 'VARCHAR')}`);
        }
        return `(${parts.join(' AND ')})`;
      });
    const values = rows.map((r) => {
      const cells = physicalRow(r.record, this.plan);
      return `(${cells.map((c, i) => sqlLiteral(c, this.plan.types[i])).join(', ')})`;
    });
    const columns = this.layout.physicalOrder.map(quoteIdent).join(', ');
    await this.transaction([`DELETE FROM ${table} WHERE ${conditions.join(' OR ')}`, `INSERT INTO ${table} (${columns}) VALUES ${values.join(', ')}`]);
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

  /** Deletes rows older than the cutoff (retention). */
  async deleteBefore(cutoffNs: bigint, cutoffMs: number): Promise<void> {
    await this.connection.run(`DELETE FROM main.${quoteIdent(this.layout.storageName)} WHERE "time" < make_timestamp_ns(${cutoffNs.toString()})`);
    this.index?.pruneBefore(cutoffMs);
  }

  closeAppender(): void {
    const appender = this.appender;
    this.appender = undefined;
    try {
      appender?.closeSync();
    } catch {
      // a failed appender has nothing left worth flushing
    }
  }
}
