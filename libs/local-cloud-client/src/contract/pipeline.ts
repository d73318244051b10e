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

/** The local pipeline's counters and what it put aside, at one moment. */
export interface PipelineSnapshot {
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
}

/** GET /pipeline */
export interface PipelineReport extends PipelineSnapshot {
  action: RuleAction;
  /** The stream and its per-shard depth; null on the direct-action path. */
  stream: (StreamStats & { shards: Record<string, number> }) | null;
  directWritesInFlight: number;
}
