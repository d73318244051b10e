import type { WindowStats } from './analytics';
import type { RuleAction } from './health';

/** Where a message or record was put aside. */
export type PutAsideSource = 'rule' | 'stream' | 'lambda' | 'timestream-action';

export interface PutAsideEntry {
  at: string;
  source: PutAsideSource;
  reason: string;
  deviceId?: string;
}

/**
 * Put-aside entries whose reasons read the same once their numbers are replaced by N
 * ("humidity 140 is outside ..." and "humidity 150 is outside ..."), with the newest of them.
 */
export interface PutAsideGroup {
  /** The reason with every number replaced by N: what the group's entries share (the key of `putAsideByReason`). */
  pattern: string;
  count: number;
  /** The group's newest entry, its reason as written (the reading's values kept). */
  latest: PutAsideEntry;
}

/** What the dead-letter directory holds, whenever it was put there (rebuilt from disk at start). */
export interface DeadLetterTotals {
  /** Entries in the directory: the local cloud's own and the Lambda's. */
  total: number;
  /** By where they were put aside: `rule`, `stream`, `timestream-action` (the local cloud), `lambda`. */
  byStage: Record<string, number>;
  /** Of `total`, the entries that were already there when this local cloud started. */
  atStart: number;
  /** Entries replayed so far (`local-cloud replay-dead-letters`), all time. */
  replayed: number;
  /** When the oldest entry was put aside (ISO 8601); null when there is none. */
  oldest: string | null;
}

/**
 * The local pipeline's counters and what it put aside, at one moment. The counters, `putAsideByReason`
 * and `recentPutAside` count since `startedAt` (this start of the local cloud); `deadLetters` counts
 * what the dead-letter directory holds, restarts included.
 */
export interface PipelineSnapshot {
  /** When this local cloud started: the counters count from here. */
  startedAt: string;
  messagesReceived: number;
  messagesPerSecond: number;
  ruleMatched: number;
  ruleErrors: number;
  recordsToStream: number;
  streamRefused: number;
  lambdaInvocations: number;
  lambdaErrors: number;
  /** From the function's EMF output (or the direct action): readings written to Timestream. */
  readingsWritten: number;
  messagesInvalid: number;
  recordsRejected: number;
  putAsideTotal: number;
  /** Counts of put-aside entries by reason (newest reasons kept, bounded). */
  putAsideByReason: Record<string, number>;
  /** The same groups with the newest example of each, most frequent first (absent from older servers). */
  putAsideGroups?: PutAsideGroup[];
  recentPutAside: PutAsideEntry[];
  deadLetters: DeadLetterTotals;
}

/** The Kinesis-like stream's counters. */
export interface StreamStats {
  recordsPut: number;
  recordsDelivered: number;
  recordsPutAside: number;
  recordsRefused: number;
  batches: number;
  retries: number;
  /** Records accepted and not yet delivered or put aside. */
  pending: number;
  /** Of those, records found on disk after the checkpoints when the stream was opened (a restart). */
  recordsRecovered: number;
}

/**
 * One event source mapping reading the stream and how far it is behind the stream's newest record
 * (Kinesis: GetRecords' MillisBehindLatest / IteratorAgeMilliseconds). A lagging mapping grows its
 * own figures here; it never makes the stream refuse records.
 */
export interface ConsumerLag {
  /** The function the mapping invokes. */
  name: string;
  /** Records stored in the stream that the mapping has not finished with. */
  recordsBehind: number;
  /** Their data and partition keys, in bytes (what the mapping holds in memory for them). */
  bytesBehind: number;
  /** How long the oldest of them has been in the stream, in ms; 0 when the mapping is caught up. */
  iteratorAgeMs: number;
  /** Records that passed the mapping's maximum record age before their turn (the ingest mapping puts them aside as dead letters; the window mapping skips them). */
  recordsExpired: number;
  /** Records the mapping skipped because its backlog was above its byte bound (the window mapping only: the ingest mapping's shards refuse puts instead). */
  recordsTrimmed: number;
}

/** GET /pipeline */
export interface PipelineReport extends PipelineSnapshot {
  action: RuleAction;
  /** The stream and its per-shard depth; null on the direct-action path. */
  stream: (StreamStats & { shards: Record<string, number>; consumers?: ConsumerLag[] }) | null;
  directWritesInFlight: number;
  /** The window function's tumbling-window mapping; absent when analytics is off. */
  windows?: WindowStats | null;
}
