import type { CreateTableRequest, CreateTableResponse } from '@aws-sdk/client-timestream-write';
import { ConflictException } from '../../errors';
import type { OperationContext } from '../shared/context';
import { requireDatabase, tableArn, toTable } from '../shared/resources';
import { readTags } from '../shared/tags';
import { InputChecker, RESOURCE_CREATE_NAME } from '../shared/validate';
import { readTableSettings } from './table-settings';

export async function createTable(input: CreateTableRequest, ctx: OperationContext): Promise<CreateTableResponse> {
  const check = InputChecker.of(input);
  const dbName = check.string('DatabaseName', { required: true, ...RESOURCE_CREATE_NAME }) as string;
  const name = check.string('TableName', { required: true, ...RESOURCE_CREATE_NAME }) as string;
  const settings = readTableSettings(check, input as unknown as Record<string, unknown>);
  const tags = readTags(check, 'Tags', input.Tags);
  check.done();
  requireDatabase(ctx, dbName);
  if (ctx.storage.getTableRecord(dbName, name)) throw new ConflictException(`The table ${name} already exists in database ${dbName}.`);
  const now = ctx.now().getTime();
  const record = { databaseName: dbName, name, arn: tableArn(ctx.settings, dbName, name), creationTime: now, lastUpdatedTime: now, settings };
  await ctx.storage.createTable(record, tags);
  return { Table: toTable(record) };
}
