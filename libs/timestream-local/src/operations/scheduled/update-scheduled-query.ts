import type { ScheduledQueryService } from '../../scheduled/scheduled-query-service';
import { InputChecker } from '../shared/validate';
import { readScheduledQueryArn } from './arn-check';

/** UpdateScheduledQuery: only State can change (ENABLED or DISABLED), as in the model. */
export const updateScheduledQuery =
  (service: ScheduledQueryService) =>
  async (input: unknown): Promise<Record<string, never>> => {
    const check = InputChecker.of(input);
    const arn = readScheduledQueryArn(check);
    const state = check.enumValue('State', ['ENABLED', 'DISABLED'] as const, { required: true });
    check.done();
    await service.setState(arn as string, state as 'ENABLED' | 'DISABLED');
    return {};
  };
