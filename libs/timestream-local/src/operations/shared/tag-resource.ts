import type { TagResourceRequest, TagResourceResponse } from '@aws-sdk/client-timestream-write';
import { ResourceNotFoundException } from '../../errors';
import type { OperationContext } from './context';
import { resolveArn } from './resources';
import { mergeTags, readTags } from './tags';
import { InputChecker } from './validate';

export async function tagResource(input: TagResourceRequest, ctx: OperationContext): Promise<TagResourceResponse> {
  const check = InputChecker.of(input);
  const arn = check.string('ResourceARN', { required: true, min: 1, max: 1011 });
  const tags = readTags(check, 'Tags', input.Tags, true);
  check.done();
  const resourceArn = arn as string;
  if (!resolveArn(ctx, resourceArn)) throw new ResourceNotFoundException(`The resource ${resourceArn} does not exist.`);
  await ctx.storage.setTags(resourceArn, mergeTags(ctx.storage.getTags(resourceArn) ?? [], tags));
  return {};
}
