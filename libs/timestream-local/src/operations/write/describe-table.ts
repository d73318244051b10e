import type { DescribeTableRequest, DescribeTableResponse } from '@aws-sdk/client-timestream-write';
import type { OperationContext } from '../shared/context';
import { requireTable, toTable } from '../shared/resources';
import { InputChecker, RESOURCE_NAME } from '../shared/validate';

export async function describeTable(input: DescribeTableRequest, ctx: OperationContext): Promise<DescribeTableResponse> {
  const check = InputChecker.of(input);
  const dbName = check.string('DatabaseName', { required: true, ...RESOURCE_NAME }) as string;
  const name = check.string('TableName', { required: true, ...RESOURCE_NAME }) as string;
  check.done();
  return { Table: toTable(requireTable(ctx, dbName, name)) };
}
