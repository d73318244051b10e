import type { ListScheduledQueriesResponse } from '@aws-sdk/client-timestream-query';
import type { ScheduledQueryService } from '../../scheduled/scheduled-query-service';
import { page } from '../shared/paging';
import { InputChecker } from '../shared/validate';
import { toListEntry } from './descriptions';

/** ListScheduledQueries: by name, MaxResults (1..1000) per page, NextToken as the paginators file says. */
export const listScheduledQueries =
  (service: ScheduledQueryService) =>
  async (input: unknown): Promise<ListScheduledQueriesResponse> => {
    const check = InputChecker.of(input);
    const maxResults = check.integer('MaxResults', { min: 1, max: 1000 });
    const nextToken = check.string('NextToken');
    check.done();
    const { items, nextToken: next } = page(service.list(), (r) => r.name, maxResults, nextToken);
    return { ScheduledQueries: items.map((r) => toListEntry(r, service.nextInvocation(r.arn))), ...(next ? { NextToken: next } : {}) };
  };
