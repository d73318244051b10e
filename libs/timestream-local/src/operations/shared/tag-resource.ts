import type { TagResourceRequest, TagResourceResponse } from '@aws-sdk/client-timestream-write';
import { ResourceNotFoundException } from '../../errors';
import type { OperationContext } from './context';
import { databasesAndTables, findTagged, type TaggedResources } from './tagged-resources';
import { mergeTags, readTags } from './tags';
import { InputChecker } from './validate';

export const tagResourceOn =
  (kinds: readonly TaggedResources[]) =>
  async (input: TagResourceRequest, ctx: OperationContext): Promise<TagResourceResponse> => {
    const check = InputChecker.of(input);
    const arn = check.string('ResourceARN', { required: true, min: 1, max: 1011 });
    const tags = readTags(check, 'Tags', input.Tags, true);
    check.done();
    const resourceArn = arn as string;
    const kind = findTagged(kinds, resourceArn, ctx);
    if (!kind) throw new ResourceNotFoundException(`The resource ${resourceArn} does not exist.`);
    await kind.setTags(resourceArn, mergeTags(kind.getTags(resourceArn, ctx), tags), ctx);
    return {};
  };

export const tagResource = tagResourceOn([databasesAndTables]);
