/**
 * The ingest stream's consumer settings shared by infra (the Kinesis event source mapping) and the
 * local cloud (its per-shard poller): how many batches of one shard are in flight at once.
 */
export interface StreamConsumerSettings {
  /** Concurrent batches per shard (Lambda's ParallelizationFactor); records of one partition key stay in order. */
  readonly parallelizationFactor: number;
}

/** Lambda's bounds for ParallelizationFactor. */
export const PARALLELIZATION_FACTOR_RANGE = { min: 1, max: 10 } as const;

/** 4 batches per shard: measured in apps/pipeline-e2e's bench (Lambda's own default is 1). */
export const streamConsumerSettings: StreamConsumerSettings = { parallelizationFactor: 4 };
