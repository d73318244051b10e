import { sequenceIndexOf } from './sequence-number';
import { recordBytes } from './stream-consumer';
import type { StreamRecord } from './stream-types';

/**
 * One of a shard's consumers (Lambda's ParallelizationFactor): the records of the partition keys
 * that hash to it, in sequence order, with one batch in flight at a time.
 */
export interface Lane {
  index: number;
  records: StreamRecord[];
  inFlight: boolean;
  timer?: NodeJS.Timeout;
  attempt: number;
}

/** A partition key's lane: FNV-1a of the key, so every record of a key goes to the same lane, in order. */
export function laneIndexFor(partitionKey: string, laneCount: number): number {
  if (laneCount === 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < partitionKey.length; i++) {
    hash ^= partitionKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % laneCount;
}

/**
 * A shard's records not yet done with, split over its lanes. Lanes finish batches in any order, so
 * the shard's checkpoint is the end of the longest run of settled records from the oldest one: a
 * restart redelivers what a lane finished beyond it (at least once), never skips what is unfinished.
 */
export class ShardState {
  readonly lanes: Lane[];
  /** Records accepted and still being stored. */
  storing = 0;
  /** Every record handed to a lane and not yet settled, in sequence order, from `head`. */
  private readonly unsettled: StreamRecord[] = [];
  private head = 0;
  private readonly settledAhead = new Set<StreamRecord>();
  /** The data and partition keys of the records not settled, in bytes. */
  bytes = 0;

  constructor(
    readonly index: number,
    readonly id: string,
    laneCount: number,
    public nextSequence = 1n,
  ) {
    this.lanes = Array.from({ length: laneCount }, (_, i) => ({ index: i, records: [], inFlight: false, attempt: 0 }));
  }

  /** Records in the shard (waiting or in flight), not counting those still being stored. */
  get depth(): number {
    return this.unsettled.length - this.head;
  }

  /** Records the shard holds against its capacity. */
  get held(): number {
    return this.depth + this.storing;
  }

  /** When the oldest record not settled arrived (undefined when there is none). */
  get oldestArrival(): number | undefined {
    return this.unsettled[this.head]?.approximateArrivalTimestamp;
  }

  get inFlight(): boolean {
    return this.lanes.some((lane) => lane.inFlight);
  }

  /** Adds a stored record (records arrive in sequence order) to its key's lane; returns the lane. */
  enqueue(record: StreamRecord): Lane {
    this.unsettled.push(record);
    this.bytes += recordBytes(record);
    const lane = this.lanes[laneIndexFor(record.partitionKey, this.lanes.length)];
    lane.records.push(record);
    return lane;
  }

  /** Records not settled, oldest first. */
  remaining(): StreamRecord[] {
    return this.unsettled.slice(this.head);
  }

  /**
   * Takes the first `count` records of the lane as done; returns the sequence index the shard's
   * checkpoint can move to, or undefined when an older record elsewhere is still unfinished.
   */
  settle(lane: Lane, count: number): bigint | undefined {
    for (const record of lane.records.splice(0, count)) {
      this.settledAhead.add(record);
      this.bytes -= recordBytes(record);
    }
    const from = this.head;
    while (this.head < this.unsettled.length && this.settledAhead.delete(this.unsettled[this.head])) this.head++;
    if (this.head === from) return undefined;
    const checkpoint = sequenceIndexOf(this.unsettled[this.head - 1].sequenceNumber);
    if (this.head > 1024 && this.head * 2 > this.unsettled.length) {
      this.unsettled.splice(0, this.head);
      this.head = 0;
    }
    return checkpoint;
  }
}
