import type { RecordToStore } from './write-types';

/** A record accepted into a write group, waiting for its commit. */
export interface PendingRow {
  record: RecordToStore;
  /** the record's fingerprint */
  f0: number;
  f1: number;
  f2: number;
  hash: number;
  replaces: boolean;
  /** it replaces a stored record with the same values: only the version changes */
  sameValues?: boolean;
  /** which call of the group wrote it, and where in that call's rows */
  call: number;
  at: number;
  /** another pending row whose fingerprint starts with the same f0 */
  sameLane?: PendingRow;
}

/** The latest pending row per record fingerprint within one write group. */
export class PendingRows {
  private readonly byLane = new Map<number, PendingRow>();

  get(f0: number, f1: number, f2: number): PendingRow | undefined {
    for (let row = this.byLane.get(f0); row !== undefined; row = row.sameLane) if (row.f1 === f1 && row.f2 === f2) return row;
    return undefined;
  }

  /** Makes `row` the pending row of its fingerprint, replacing an earlier one. */
  set(row: PendingRow): void {
    let head = this.byLane.get(row.f0);
    if (head !== undefined && head.f1 === row.f1 && head.f2 === row.f2) head = head.sameLane;
    else {
      for (let prev = head; prev?.sameLane !== undefined; prev = prev.sameLane) {
        const next: PendingRow = prev.sameLane;
        if (next.f1 === row.f1 && next.f2 === row.f2) {
          prev.sameLane = next.sameLane;
          break;
        }
      }
    }
    row.sameLane = head;
    this.byLane.set(row.f0, row);
  }
}
