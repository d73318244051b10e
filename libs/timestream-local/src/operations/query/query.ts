import type { QueryRequest, QueryResponse } from '@aws-sdk/client-timestream-query';
import type { QueryOperationContext, QueryServices } from './query-context';
import { mapQueryErrors } from './to-service-error';

/** Query: runs Timestream SQL; MaxRows/NextToken paging over the cached result. */
export function queryOperation(services: QueryServices) {
  return (input: QueryRequest, ctx: QueryOperationContext): Promise<QueryResponse> =>
    mapQueryErrors(() => services.for(ctx.storage).query(input ?? {}, ctx.now()));
}
