import { createHash } from 'node:crypto';

const HASH_SPACE = 1n << 128n;

/** Kinesis maps a partition key to a shard by the MD5 of the key, as a 128-bit number, over even hash-key ranges. */
export function shardIndexFor(partitionKey: string, shardCount: number): number {
  const hash = BigInt('0x' + createHash('md5').update(partitionKey, 'utf8').digest('hex'));
  return Number((hash * BigInt(shardCount)) / HASH_SPACE);
}

export function shardIdFor(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}
