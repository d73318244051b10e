import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { KnownRecords } from './known-records';
import { putMetaSql, metaKey, type StoredTable } from './metadata-store';
import { PendingRows, type PendingRow } from './pending-rows';
import { fingerprintRecord, newFingerprint, valueHash } from './record-hash';
import { appendRecords } from './chunk-writer';
import { columnPlan, type ColumnPlan } from './row-values';
import { upsertStatements } from './upsert-statements';
import { SchemaTracker } from './schema-tracker';
import { DUCK_TYPES, quoteIdent, type TableLayout } from './table-layout';
import type { RecordToStore, StoreResult } from './write-types';

const STORED: StoreResult = Object.freeze({ status: 'STORED' });
const UNCHANGED: StoreResult = Object.freeze({ status: 'UNCHANGED' });

/** The write path of one table: schema checks, version checks against what is stored, bulk append. */
export class TableStore {
  private readonly known: KnownRecords;
  private appender?: DuckDBAppender;
  private inTransaction = false;
  private plan: ColumnPlan;
  private readonly fingerprint = newFingerprint();

  constructor(
    private readonly connection: DuckDBConnection,
    public stored: StoredTable,
    /** records of the table kept in memory (see KnownRecords) */
    indexedRecords?: number,
  ) {
    this.plan = columnPlan(stored.layout);
    this.known = new KnownRecords(indexedRecords);
  }

  get layout(): TableLayout {
    return this.stored.layout;
  }

  /**
   * Writes several calls' records as one group: each call is checked in order (later calls see earlier ones),
   * rows are appended, and one commit makes them all durable before any call is answered.
   */
  async writeGroup(calls: RecordToStore[][]): Promise<StoreResult[][]> {
    const known = this.known;
    const pending = new PendingRows();
    const fp = this.fingerprint;
    const appended: PendingRow[] = [];
    let unflushed = false;
    const out: StoreResult[][] = [];
    try {
      await known.prepare(this.connection, this.layout, calls);
      for (let call = 0; call < calls.length; call++) {
        const records = calls[call];
        const tracker = new SchemaTracker(this.layout);
        const results: StoreResult[] = new Array(records.length);
        const rows: Array<PendingRow | undefined> = [];
        let replacing = false;
        for (let i = 0; i < records.length; i++) {
          const record = records[i];
          const problem = tracker.admit(record);
          if (problem) {
            results[i] = { status: 'REJECTED', problem };
            continue;
          }
          fingerprintRecord(record.measureName, record.dimensions, record.timeMs, record.nsOfMs, fp);
          const f0 = fp[0];
          const f1 = fp[1];
          const f2 = fp[2];
          const hash = valueHash(record.values);
          const earlier = pending.get(f0, f1, f2);
          const current = earlier ? { version: earlier.record.version, hash: earlier.hash } : known.get(f0, f1, f2);
          if (current) {
            const { version, hash: currentHash } = current;
            if (record.version < version) {
              results[i] = { status: 'REJECTED', problem: { kind: 'VERSION_LOWER', existingVersion: version, version: record.version } };
              continue;
            }
            if (record.version === version) {
              results[i] = currentHash === hash ? UNCHANGED : { status: 'REJECTED', problem: { kind: 'VERSION_SAME', existingVersion: version } };
              continue;
            }
          }
          const row: PendingRow = { record, f0, f1, f2, hash, replaces: current !== undefined, sameValues: current !== undefined && current.hash === hash, call, at: rows.length };
          if (earlier !== undefined && earlier.call === call) {
            // a later record of the same call wins: one row, which replaces whatever was stored before the call
            row.replaces = earlier.replaces;
            row.sameValues = false;
            rows[earlier.at] = undefined;
          }
          replacing ||= row.replaces;
          rows.push(row);
          pending.set(row);
          results[i] = STORED;
        }
        const toWrite = rows.filter((r): r is PendingRow => r !== undefined);
        if (tracker.columnsAdded || tracker.measuresChanged) {
          if (unflushed) await this.commit();
          unflushed = false;
          await this.applySchema(tracker);
        }
        if (replacing) {
          await this.replaceInGroup(toWrite);
          unflushed = true;
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
      known.forget(); // what was committed is read from the table again
      throw error;
    }
    known.remember(appended);
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
    await this.openGroupTransaction();
    appendRecords(
      appender,
      rows.map((r) => r.record),
      this.plan,
    );
  }

  /** The group's one transaction, begun by its first append or replacing call; commit() ends it. */
  private async openGroupTransaction(): Promise<void> {
    if (this.inTransaction) return;
    await this.connection.run('BEGIN TRANSACTION');
    this.inTransaction = true;
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

  /**
   * A call that replaces stored records (see upsert-statements.ts), in the group's transaction: the rows appended by
   * the group's earlier calls are flushed into it first, so that its statements see them, and the group's one commit
   * makes it durable with the others (a scheduled query's re-run writes hundreds of such calls).
   */
  private async replaceInGroup(rows: PendingRow[]): Promise<void> {
    this.appender?.flushSync();
    await this.openGroupTransaction();
    for (const sql of upsertStatements(`main.${quoteIdent(this.layout.storageName)}`, this.layout, this.plan, rows)) await this.connection.run(sql);
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
    this.known.pruneBefore(cutoffMs);
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
