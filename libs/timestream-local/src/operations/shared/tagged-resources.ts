import type { Tag } from '../../storage/resource-types';
import type { OperationContext } from './context';
import { resolveArn } from './resources';

/** Resources that carry tags, found by ARN (databases and tables; the query service adds scheduled queries). */
export interface TaggedResources {
  has(arn: string, ctx: OperationContext): boolean;
  getTags(arn: string, ctx: OperationContext): Tag[];
  setTags(arn: string, tags: Tag[], ctx: OperationContext): Promise<void>;
}

export const databasesAndTables: TaggedResources = {
  has: (arn, ctx) => resolveArn(ctx, arn) !== undefined,
  getTags: (arn, ctx) => ctx.storage.getTags(arn) ?? [],
  setTags: (arn, tags, ctx) => ctx.storage.setTags(arn, tags),
};

/** The first of `kinds` that has the resource. */
export function findTagged(kinds: readonly TaggedResources[], arn: string, ctx: OperationContext): TaggedResources | undefined {
  return kinds.find((k) => k.has(arn, ctx));
}
