import type { ListDatabasesRequest, ListDatabasesResponse } from '@aws-sdk/client-timestream-write';
import type { OperationContext } from '../shared/context';
import { page } from '../shared/paging';
import { toDatabase } from '../shared/resources';
import { InputChecker } from '../shared/validate';

export async function listDatabases(input: ListDatabasesRequest, ctx: OperationContext): Promise<ListDatabasesResponse> {
  const check = InputChecker.of(input);
  const maxResults = check.integer('MaxResults', { min: 1, max: 20 });
  const nextToken = check.string('NextToken');
  check.done();
  const result = page(ctx.storage.listDatabaseRecords(), (d) => d.name, maxResults, nextToken);
  return {
    Databases: result.items.map((d) => toDatabase(d, ctx.storage.listTableRecords(d.name).length)),
    ...(result.nextToken ? { NextToken: result.nextToken } : {}),
  };
}
