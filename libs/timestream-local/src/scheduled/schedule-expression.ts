import { nextCronInstant, parseCron, type CronSchedule } from './cron';
import { ScheduleExpressionError } from './errors';

/**
 * A schedule as the service reads ScheduleExpression (UTC, whole minutes):
 * `rate(<n> minute|minutes|hour|hours|day|days)` runs every n units counted from the scheduled query's creation
 * (truncated to the minute); `cron(...)` is EventBridge's six-field form.
 */
export type Schedule = { kind: 'rate'; periodMs: number } | { kind: 'cron'; cron: CronSchedule };

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MINUTE_MS = 60_000;

export function parseScheduleExpression(expression: string): Schedule {
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) {
    const m = /^\s*(\d+)\s+(minute|hour|day)s?\s*$/.exec(rate[1]);
    if (!m) throw new ScheduleExpressionError('a rate expression is rate(<value> <unit>) with a positive whole value and the unit minute(s), hour(s) or day(s)');
    const value = Number(m[1]);
    if (value < 1) throw new ScheduleExpressionError('the value of a rate expression must be at least 1');
    return { kind: 'rate', periodMs: value * UNIT_MS[m[2]] };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return { kind: 'cron', cron: parseCron(cron[1]) };
  throw new ScheduleExpressionError('the expression must be rate(...) or cron(...)');
}

/**
 * The first invocation strictly after `afterMs`, or undefined when the schedule has none left.
 * `anchorMs` is where a rate schedule counts from (the scheduled query's creation time).
 */
export function nextInvocation(schedule: Schedule, afterMs: number, anchorMs: number): number | undefined {
  if (schedule.kind === 'cron') return nextCronInstant(schedule.cron, afterMs);
  const anchor = Math.floor(anchorMs / MINUTE_MS) * MINUTE_MS;
  if (afterMs < anchor) return anchor + schedule.periodMs;
  const periods = Math.floor((afterMs - anchor) / schedule.periodMs) + 1;
  return anchor + periods * schedule.periodMs;
}
