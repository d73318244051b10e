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

/**
 * The window function's event source mapping (tumbling windows on the same stream), shared by infra
 * and the local cloud. Larger batches than the ingest mapping's: every invocation of a window hands
 * the function its state (a few hundred bytes per device) and gets it back.
 */
export interface WindowConsumerSettings {
  /** BatchSize (Kinesis: 1..10,000). */
  readonly batchSize: number;
  /** MaximumBatchingWindowInSeconds. */
  readonly maximumBatchingWindowSeconds: number;
  /** MaximumRetryAttempts of a failed invocation within the window. */
  readonly maximumRetryAttempts: number;
  /** MaximumRecordAgeInSeconds: a record older than this when its turn comes is skipped by this mapping. */
  readonly maximumRecordAgeSeconds: number;
}

export const windowConsumerSettings: WindowConsumerSettings = { batchSize: 1000, maximumBatchingWindowSeconds: 5, maximumRetryAttempts: 5, maximumRecordAgeSeconds: 6 * 3600 };
