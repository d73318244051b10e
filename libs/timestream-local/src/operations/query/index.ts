import type { QueryServiceOptions } from '../../query/query-service';
import { cancelQueryOperation } from './cancel-query';
import { prepareQueryOperation } from './prepare-query';
import { QueryServices, type QueryOperationContext } from './query-context';
import { queryOperation } from './query';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type QueryOperationHandler = (input: any, ctx: QueryOperationContext) => Promise<unknown>;

/** The query service's operations, with their own result cache (see QueryServiceOptions). */
export function createQueryOperations(options: QueryServiceOptions = {}): Record<'Query' | 'CancelQuery' | 'PrepareQuery', QueryOperationHandler> {
  const services = new QueryServices(options);
  return {
    Query: queryOperation(services),
    CancelQuery: cancelQueryOperation(services),
    PrepareQuery: prepareQueryOperation(services),
  };
}

/** Query, CancelQuery and PrepareQuery with the service's defaults (NextToken valid 10 minutes, 1 MB pages). */
export const queryOperations = createQueryOperations();
