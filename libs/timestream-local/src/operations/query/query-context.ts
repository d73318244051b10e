import type { QueryStorage } from '../../query/catalog';
import { QueryService, type QueryServiceOptions } from '../../query/query-service';

/** What the query operations need from the operation context (a structural subset of OperationContext). */
export interface QueryOperationContext {
  storage: QueryStorage;
  now(): Date;
}

/** One QueryService (result cache for paging, running queries for CancelQuery) per storage. */
export class QueryServices {
  private readonly services = new WeakMap<QueryStorage, QueryService>();

  constructor(private readonly options: QueryServiceOptions = {}) {}

  for(storage: QueryStorage): QueryService {
    let service = this.services.get(storage);
    if (!service) {
      service = new QueryService(storage, this.options);
      this.services.set(storage, service);
    }
    return service;
  }
}
