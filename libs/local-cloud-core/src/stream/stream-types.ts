/** One record in a shard, as Kinesis hands it to a consumer. */
export interface StreamRecord {
  shardId: string;
  partitionKey: string;
  /** Increasing within a shard; fixed width so string order is numeric order. */
  sequenceNumber: string;
  data: Buffer;
  /** Epoch ms when the stream accepted the record. */
  approximateArrivalTimestamp: number;
}

/** What a consumer reports for a batch: nothing failed, some items failed (partial batch response), or an error. */
export type BatchResult = { failedSequenceNumbers: string[] } | { error: string };

export type BatchConsumer = (shardId: string, records: readonly StreamRecord[]) => Promise<BatchResult>;

export interface BatchReport {
  shardId: string;
  records: readonly StreamRecord[];
  result: BatchResult;
  attempt: number;
  durationMs: number;
}

export interface PutAsideRecord {
  record: StreamRecord;
  reason: string;
}
