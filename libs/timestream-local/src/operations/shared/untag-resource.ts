import type { UntagResourceRequest, UntagResourceResponse } from '@aws-sdk/client-timestream-write';
import { ResourceNotFoundException } from '../../errors';
import type { OperationContext } from './context';
import { resolveArn } from './resources';
import { InputChecker } from './validate';

export async function untagResource(input: UntagResourceRequest, ctx: OperationContext): Promise<UntagResourceResponse> {
  const check = InputChecker.of(input);
  const arn = check.string('ResourceARN', { required: true, min: 1, max: 1011 });
  const keys = check.list('TagKeys', { required: true, max: 200 }) ?? [];
  keys.forEach((k, i) => check.string('TagKeys', { value: k, path: `tagKeys.${i + 1}.member`, required: true, min: 1, max: 128 }));
  check.done();
  const resourceArn = arn as string;
  if (!resolveArn(ctx, resourceArn)) throw new ResourceNotFoundException(`The resource ${resourceArn} does not exist.`);
  const remove = new Set(keys as string[]);
  await ctx.storage.setTags(resourceArn, (ctx.storage.getTags(resourceArn) ?? []).filter((t) => !remove.has(t.Key)));
  return {};
}
