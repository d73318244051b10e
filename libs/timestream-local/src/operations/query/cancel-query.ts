import type { CancelQueryRequest, CancelQueryResponse } from '@aws-sdk/client-timestream-query';
import type { QueryOperationContext, QueryServices } from './query-context';
import { mapQueryErrors } from './to-service-error';

/** CancelQuery: aborts a running query; a repeated cancel answers a CancellationMessage. */
export function cancelQueryOperation(services: QueryServices) {
  return (input: CancelQueryRequest, ctx: QueryOperationContext): Promise<CancelQueryResponse> =>
    mapQueryErrors(() => services.for(ctx.storage).cancel(input ?? {}));
}
