import type { DescribeDatabaseRequest, DescribeDatabaseResponse } from '@aws-sdk/client-timestream-write';
import type { OperationContext } from '../shared/context';
import { requireDatabase, toDatabase } from '../shared/resources';
import { InputChecker, RESOURCE_NAME } from '../shared/validate';

export async function describeDatabase(input: DescribeDatabaseRequest, ctx: OperationContext): Promise<DescribeDatabaseResponse> {
  const check = InputChecker.of(input);
  const name = check.string('DatabaseName', { required: true, ...RESOURCE_NAME }) as string;
  check.done();
  const db = requireDatabase(ctx, name);
  return { Database: toDatabase(db, ctx.storage.listTableRecords(name).length) };
}
