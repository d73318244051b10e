import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from '@aws-sdk/client-timestream-write';
import { ResourceNotFoundException } from '../../errors';
import type { OperationContext } from './context';
import { resolveArn } from './resources';
import { InputChecker } from './validate';

export async function listTagsForResource(input: ListTagsForResourceRequest, ctx: OperationContext): Promise<ListTagsForResourceResponse> {
  const check = InputChecker.of(input);
  const arn = check.string('ResourceARN', { required: true, min: 1, max: 1011 });
  check.done();
  const resourceArn = arn as string;
  if (!resolveArn(ctx, resourceArn)) throw new ResourceNotFoundException(`The resource ${resourceArn} does not exist.`);
  return { Tags: ctx.storage.getTags(resourceArn) ?? [] };
}
