import type { ScheduledQueryService } from '../../scheduled/scheduled-query-service';
import { checkArnRequest } from './arn-check';

export const deleteScheduledQuery =
  (service: ScheduledQueryService) =>
  async (input: unknown): Promise<Record<string, never>> => {
    await service.remove(checkArnRequest(input));
    return {};
  };
