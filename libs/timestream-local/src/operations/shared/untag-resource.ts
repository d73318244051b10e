import type { UntagResourceRequest, UntagResourceResponse } from '@aws-sdk/client-timestream-write';
import { ResourceNotFoundException } from '../../errors';
import type { OperationContext } from './context';
import { databasesAndTables, findTagged, type TaggedResources } from './tagged-resources';
import { InputChecker } from './validate';

export const untagResourceOn =
  (kinds: readonly TaggedResources[]) =>
  async (input: UntagResourceRequest, ctx: OperationContext): Promise<UntagResourceResponse> => {
    const check = InputChecker.of(input);
    const arn = check.string('ResourceARN', { required: true, min: 1, max: 1011 });
    const keys = check.list('TagKeys', { required: true, max: 200 }) ?? [];
    keys.forEach((k, i) => check.string('TagKeys', { value: k, path: `tagKeys.${i + 1}.member`, required: true, min: 1, max: 128 }));
    check.done();
    const resourceArn = arn as string;
    const kind = findTagged(kinds, resourceArn, ctx);
    if (!kind) throw new ResourceNotFoundException(`The resource ${resourceArn} does not exist.`);
    const remove = new Set(keys as string[]);
    await kind.setTags(resourceArn, kind.getTags(resourceArn, ctx).filter((t) => !remove.has(t.Key)), ctx);
    return {};
  };

export const untagResource = untagResourceOn([databasesAndTables]);
