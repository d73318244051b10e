const SHARD_SPAN = 10n ** 30n;

/**
 * Kinesis-like sequence numbers: `49` and 40 digits, shard index × 10^30 + the record's index in
 * its shard (from 1), so string order is numeric order and each shard's numbers are its own.
 */
export function sequenceNumberOf(shardIndex: number, index: bigint): string {
  return '49' + (BigInt(shardIndex) * SHARD_SPAN + index).toString().padStart(40, '0');
}

/** The record's index in its shard, back from a sequence number of `sequenceNumberOf`. */
export function sequenceIndexOf(sequenceNumber: string): bigint {
  return BigInt(sequenceNumber.slice(2)) % SHARD_SPAN;
}
