import type { DeleteDatabaseRequest } from '@aws-sdk/client-timestream-write';
import { ValidationException } from '../../errors';
import type { OperationContext } from '../shared/context';
import { requireDatabase } from '../shared/resources';
import { InputChecker, RESOURCE_NAME } from '../shared/validate';

/** Deletes an empty database (the service refuses while tables remain). */
export async function deleteDatabase(input: DeleteDatabaseRequest, ctx: OperationContext): Promise<Record<string, never>> {
  const check = InputChecker.of(input);
  const name = check.string('DatabaseName', { required: true, ...RESOURCE_NAME }) as string;
  check.done();
  requireDatabase(ctx, name);
  const tables = ctx.storage.listTableRecords(name).length;
  if (tables > 0) throw new ValidationException(`The database ${name} still has ${tables} table(s). Delete all tables in the database before deleting it.`);
  await ctx.storage.deleteDatabase(name);
  return {};
}
