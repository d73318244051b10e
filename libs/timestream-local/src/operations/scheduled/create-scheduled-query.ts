import type { CreateScheduledQueryResponse } from '@aws-sdk/client-timestream-query';
import type { ScheduledQueryService } from '../../scheduled/scheduled-query-service';
import { checkCreateRequest } from './create-request-check';

/** CreateScheduledQuery: the request's own checks, then the catalog's (target table, query, mapping); answers the ARN. */
export const createScheduledQuery =
  (service: ScheduledQueryService) =>
  async (input: unknown): Promise<CreateScheduledQueryResponse> => ({ Arn: await service.create(checkCreateRequest(input)) });
