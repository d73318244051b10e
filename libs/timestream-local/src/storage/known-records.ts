import type { DuckDBConnection } from '@duckdb/node-api';
import { fingerprintRecord, newFingerprint } from './record-hash';
import { RecordIndex } from './record-index';
import type { NormalizedRecord } from './resource-types';
import { readStoredRecords, timeAfterLatestMs } from './stored-records';
import type { TableLayout } from './table-layout';

/** Records of one table the index keeps by default: 2^21 slots of 37 bytes, about 78 MB. */
export const DEFAULT_INDEXED_RECORDS = 1_000_000;

/** A record the index has taken in: its fingerprint, version, value hash and time. */
export interface KnownRecord {
  f0: number;
  f1: number;
  f2: number;
  hash: number;
  record: { version: number; timeMs: number };
}

/**
 * What the write path knows of a table's stored records, in memory bounded by `maxEntries` whatever the table's
 * size: an index of the records written since the start (and of older ones met since), complete from a time on, the
 * horizon; for a record older than the horizon that the index does not hold, the table itself is asked (a DuckDB
 * lookup of the group's keys, see stored-records.ts). After a start the horizon is just after the latest stored
 * record, so the index starts empty and a table of any size costs one `max(time)` before its first write; new
 * records, later than everything stored, need no lookup. When the index is full its oldest half is forgotten and
 * the horizon moves up to the oldest time kept.
 */
export class KnownRecords {
  private readonly index = new RecordIndex();
  /** every stored record at or after this time (ms) is in the index; undefined until read from the table */
  private horizonMs?: number;
  private readonly fingerprint = newFingerprint();

  constructor(private readonly maxEntries = DEFAULT_INDEXED_RECORDS) {}

  /**
   * Before a group of calls is checked: reads from the table the stored records of those of its records that are
   * older than the horizon and not in the index, so that `get` can answer for every record of the group.
   */
  async prepare(connection: DuckDBConnection, layout: TableLayout, calls: ReadonlyArray<ReadonlyArray<NormalizedRecord>>): Promise<void> {
    const horizon = (this.horizonMs ??= await timeAfterLatestMs(connection, layout));
    const fp = this.fingerprint;
    let unknown: NormalizedRecord[] | undefined;
    let asked: RecordIndex | undefined;
    for (const records of calls) {
      for (const record of records) {
        if (record.timeMs >= horizon) continue;
        fingerprintRecord(record.measureName, record.dimensions, record.timeMs, record.nsOfMs, fp);
        if (this.index.has(fp[0], fp[1], fp[2])) continue;
        asked ??= new RecordIndex();
        if (asked.has(fp[0], fp[1], fp[2])) continue;
        asked.set(fp[0], fp[1], fp[2], 0, 0, 0);
        (unknown ??= []).push(record);
      }
    }
    if (unknown) await readStoredRecords(connection, layout, unknown, this.index);
  }

  /** The stored version and value hash of a record of the prepared group, or undefined when none is stored. */
  get(f0: number, f1: number, f2: number): { version: number; hash: number } | undefined {
    return this.index.get(f0, f1, f2);
  }

  /** Takes in the records a group committed, then forgets the oldest half when the index is over its size. */
  remember(rows: ReadonlyArray<KnownRecord>): void {
    for (const r of rows) this.index.set(r.f0, r.f1, r.f2, r.record.version, r.hash, r.record.timeMs);
    if (this.index.size > this.maxEntries) {
      const keptFrom = this.index.evictOldest(Math.floor(this.maxEntries / 2));
      this.horizonMs = Math.max(this.horizonMs ?? -Infinity, keptFrom);
    }
  }

  /** Forgets everything (after a failed write: what was committed is read from the table again). */
  forget(): void {
    this.index.clear();
    this.horizonMs = undefined;
  }

  /** Forgets records older than the cutoff (deleted by retention). */
  pruneBefore(cutoffMs: number): void {
    this.index.pruneBefore(cutoffMs);
  }

  /** entries held now */
  get size(): number {
    return this.index.size;
  }
}
