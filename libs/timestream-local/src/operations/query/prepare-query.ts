import type { PrepareQueryRequest, PrepareQueryResponse } from '@aws-sdk/client-timestream-query';
import type { QueryOperationContext, QueryServices } from './query-context';
import { mapQueryErrors } from './to-service-error';

/** PrepareQuery (ValidateOnly only, as the service): the result columns and the @parameters. */
export function prepareQueryOperation(services: QueryServices) {
  return (input: PrepareQueryRequest, ctx: QueryOperationContext): Promise<PrepareQueryResponse> =>
    mapQueryErrors(() => services.for(ctx.storage).prepare(input ?? {}, ctx.now()));
}
