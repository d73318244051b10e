import type { UpdateDatabaseRequest, UpdateDatabaseResponse } from '@aws-sdk/client-timestream-write';
import type { OperationContext } from '../shared/context';
import { requireDatabase, toDatabase } from '../shared/resources';
import { InputChecker, RESOURCE_NAME } from '../shared/validate';

export async function updateDatabase(input: UpdateDatabaseRequest, ctx: OperationContext): Promise<UpdateDatabaseResponse> {
  const check = InputChecker.of(input);
  const name = check.string('DatabaseName', { required: true, ...RESOURCE_NAME }) as string;
  const kmsKeyId = check.string('KmsKeyId', { required: true, min: 1, max: 2048 }) as string;
  check.done();
  const db = requireDatabase(ctx, name);
  const updated = { ...db, kmsKeyId, lastUpdatedTime: ctx.now().getTime() };
  await ctx.storage.updateDatabase(updated);
  return { Database: toDatabase(updated, ctx.storage.listTableRecords(name).length) };
}
