import type { UpdateTableRequest, UpdateTableResponse } from '@aws-sdk/client-timestream-write';
import type { OperationContext } from '../shared/context';
import { requireTable, toTable } from '../shared/resources';
import { InputChecker, RESOURCE_NAME } from '../shared/validate';
import { readTableSettings } from './table-settings';

export async function updateTable(input: UpdateTableRequest, ctx: OperationContext): Promise<UpdateTableResponse> {
  const check = InputChecker.of(input);
  const dbName = check.string('DatabaseName', { required: true, ...RESOURCE_NAME }) as string;
  const name = check.string('TableName', { required: true, ...RESOURCE_NAME }) as string;
  check.done();
  const table = requireTable(ctx, dbName, name);
  const settings = readTableSettings(check, input as unknown as Record<string, unknown>, table.settings);
  check.done();
  const updated = { ...table, settings, lastUpdatedTime: ctx.now().getTime() };
  await ctx.storage.updateTable(updated);
  return { Table: toTable(updated) };
}
