import type { CreateDatabaseRequest, CreateDatabaseResponse } from '@aws-sdk/client-timestream-write';
import { ConflictException } from '../../errors';
import type { OperationContext } from '../shared/context';
import { databaseArn, defaultKmsKeyId, toDatabase } from '../shared/resources';
import { readTags } from '../shared/tags';
import { InputChecker, RESOURCE_CREATE_NAME } from '../shared/validate';

export async function createDatabase(input: CreateDatabaseRequest, ctx: OperationContext): Promise<CreateDatabaseResponse> {
  const check = InputChecker.of(input);
  const name = check.string('DatabaseName', { required: true, ...RESOURCE_CREATE_NAME }) as string;
  const kmsKeyId = check.string('KmsKeyId', { min: 1, max: 2048 });
  const tags = readTags(check, 'Tags', input.Tags);
  check.done();
  if (ctx.storage.getDatabase(name)) throw new ConflictException(`The database ${name} already exists.`);
  const now = ctx.now().getTime();
  const record = { name, arn: databaseArn(ctx.settings, name), kmsKeyId: kmsKeyId ?? defaultKmsKeyId(ctx.settings), creationTime: now, lastUpdatedTime: now };
  await ctx.storage.createDatabase(record, tags);
  return { Database: toDatabase(record, 0) };
}
