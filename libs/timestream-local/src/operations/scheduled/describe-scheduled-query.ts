import type { DescribeScheduledQueryResponse } from '@aws-sdk/client-timestream-query';
import type { ScheduledQueryService } from '../../scheduled/scheduled-query-service';
import { checkArnRequest } from './arn-check';
import { toDescription } from './descriptions';

export const describeScheduledQuery =
  (service: ScheduledQueryService) =>
  async (input: unknown): Promise<DescribeScheduledQueryResponse> => {
    const arn = checkArnRequest(input);
    return { ScheduledQuery: toDescription(service.get(arn), service.nextInvocation(arn)) };
  };
