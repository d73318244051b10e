import type { DeleteTableRequest } from '@aws-sdk/client-timestream-write';
import type { OperationContext } from '../shared/context';
import { requireTable } from '../shared/resources';
import { InputChecker, RESOURCE_NAME } from '../shared/validate';

export async function deleteTable(input: DeleteTableRequest, ctx: OperationContext): Promise<Record<string, never>> {
  const check = InputChecker.of(input);
  const dbName = check.string('DatabaseName', { required: true, ...RESOURCE_NAME }) as string;
  const name = check.string('TableName', { required: true, ...RESOURCE_NAME }) as string;
  check.done();
  requireTable(ctx, dbName, name);
  await ctx.storage.deleteTable(dbName, name);
  return {};
}
