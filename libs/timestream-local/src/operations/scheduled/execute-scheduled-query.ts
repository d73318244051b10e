import type { ScheduledQueryService } from '../../scheduled/scheduled-query-service';
import { InputChecker } from '../shared/validate';
import { readScheduledQueryArn } from './arn-check';
import { CLIENT_TOKEN } from './create-request-check';

/**
 * ExecuteScheduledQuery: one run as of InvocationTime (@scheduled_runtime). The service answers first and runs
 * afterwards; here the answer comes once the run finished, so a DescribeScheduledQuery right after shows it.
 * A failed run still answers 200: the failure is in LastRunSummary and the notification. ClientToken is not used.
 */
export const executeScheduledQuery =
  (service: ScheduledQueryService) =>
  async (input: unknown): Promise<Record<string, never>> => {
    const check = InputChecker.of(input);
    const arn = readScheduledQueryArn(check);
    const invocationMs = check.timestamp('InvocationTime', { required: true });
    check.string('ClientToken', { ...CLIENT_TOKEN });
    const insights = check.object('QueryInsights');
    const mode = insights && check.enumValue('Mode', ['ENABLED_WITH_RATE_CONTROL', 'DISABLED'] as const, { value: insights.Mode, path: 'queryInsights.mode', required: true });
    check.done();
    await service.execute(arn as string, invocationMs as number, mode === 'ENABLED_WITH_RATE_CONTROL');
    return {};
  };
