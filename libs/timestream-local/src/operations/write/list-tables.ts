import type { ListTablesRequest, ListTablesResponse } from '@aws-sdk/client-timestream-write';
import type { OperationContext } from '../shared/context';
import { page } from '../shared/paging';
import { requireDatabase, toTable } from '../shared/resources';
import { InputChecker, RESOURCE_NAME } from '../shared/validate';

/** Tables of one database, or of all databases when DatabaseName is absent (ordered by database, then table). */
export async function listTables(input: ListTablesRequest, ctx: OperationContext): Promise<ListTablesResponse> {
  const check = InputChecker.of(input);
  const dbName = check.string('DatabaseName', RESOURCE_NAME);
  const maxResults = check.integer('MaxResults', { min: 1, max: 20 });
  const nextToken = check.string('NextToken');
  check.done();
  if (dbName !== undefined) requireDatabase(ctx, dbName);
  const names = dbName !== undefined ? [dbName] : ctx.storage.listDatabaseRecords().map((d) => d.name);
  const tables = names.flatMap((db) => ctx.storage.listTableRecords(db));
  const result = page(tables, (t) => `${t.databaseName}\u0000${t.name}`, maxResults, nextToken);
  return { Tables: result.items.map(toTable), ...(result.nextToken ? { NextToken: result.nextToken } : {}) };
}
