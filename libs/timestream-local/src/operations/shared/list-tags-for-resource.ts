import type { ListTagsForResourceResponse } from '@aws-sdk/client-timestream-query';
import { ResourceNotFoundException } from '../../errors';
import type { OperationContext } from './context';
import { page } from './paging';
import { databasesAndTables, findTagged, type TaggedResources } from './tagged-resources';
import { InputChecker } from './validate';

/** ListTagsForResource; the query service's MaxResults (1..200) / NextToken page the tags by key. */
export const listTagsForResourceOn =
  (kinds: readonly TaggedResources[]) =>
  async (input: unknown, ctx: OperationContext): Promise<ListTagsForResourceResponse> => {
    const check = InputChecker.of(input);
    const arn = check.string('ResourceARN', { required: true, min: 1, max: 1011 });
    const maxResults = check.integer('MaxResults', { min: 1, max: 200 });
    const nextToken = check.string('NextToken');
    check.done();
    const resourceArn = arn as string;
    const kind = findTagged(kinds, resourceArn, ctx);
    if (!kind) throw new ResourceNotFoundException(`The resource ${resourceArn} does not exist.`);
    const tags = kind.getTags(resourceArn, ctx);
    if (maxResults === undefined && nextToken === undefined) return { Tags: tags };
    const sorted = [...tags].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
    const { items, nextToken: next } = page(sorted, (t) => t.Key, maxResults, nextToken);
    return { Tags: items, ...(next ? { NextToken: next } : {}) };
  };

export const listTagsForResource = listTagsForResourceOn([databasesAndTables]);
