import { ScheduleExpressionError } from '../../src/scheduled/errors';
import { nextInvocation, parseScheduleExpression } from '../../src/scheduled/schedule-expression';

const ms = (iso: string): number => Date.parse(iso);

/** The next `n` invocations strictly after `after` (ISO strings, UTC). */
function upcoming(expression: string, after: string, n: number, anchor = after): string[] {
  const schedule = parseScheduleExpression(expression);
  const out: string[] = [];
  let t = ms(after);
  for (let i = 0; i < n; i++) {
    const next = nextInvocation(schedule, t, ms(anchor));
    if (next === undefined) break;
    out.push(new Date(next).toISOString().replace('.000Z', 'Z'));
    t = next;
  }
  return out;
}

describe('schedule expressions: the next instants (UTC)', () => {
  it.each([
    // rate: every n units counted from the creation time truncated to the minute, first one a period later
    ['rate(1 minute)', '2024-01-01T10:00:30Z', ['2024-01-01T10:01:00Z', '2024-01-01T10:02:00Z', '2024-01-01T10:03:00Z']],
    ['rate(5 minutes)', '2024-01-01T10:03:20Z', ['2024-01-01T10:08:00Z', '2024-01-01T10:13:00Z', '2024-01-01T10:18:00Z']],
    ['rate(1 minutes)', '2024-01-01T23:59:10Z', ['2024-01-02T00:00:00Z', '2024-01-02T00:01:00Z']],
    ['rate(1 hour)', '2024-02-28T23:30:00Z', ['2024-02-29T00:30:00Z', '2024-02-29T01:30:00Z', '2024-02-29T02:30:00Z']],
    ['rate(1 day)', '2024-02-28T12:00:00Z', ['2024-02-29T12:00:00Z', '2024-03-01T12:00:00Z', '2024-03-02T12:00:00Z']],
    ['rate(2 days)', '2023-02-27T06:15:45Z', ['2023-03-01T06:15:00Z', '2023-03-03T06:15:00Z']],
    // cron: minutes hours day-of-month month day-of-week year
    ['cron(0 10 * * ? *)', '2024-03-30T11:00:00Z', ['2024-03-31T10:00:00Z', '2024-04-01T10:00:00Z', '2024-04-02T10:00:00Z']],
    ['cron(0/15 * * * ? *)', '2024-01-01T00:07:00Z', ['2024-01-01T00:15:00Z', '2024-01-01T00:30:00Z', '2024-01-01T00:45:00Z', '2024-01-01T01:00:00Z']],
    ['cron(5/20 8 * * ? *)', '2024-01-01T00:00:00Z', ['2024-01-01T08:05:00Z', '2024-01-01T08:25:00Z', '2024-01-01T08:45:00Z', '2024-01-02T08:05:00Z']],
    ['cron(0 */6 * * ? *)', '2024-01-01T05:00:00Z', ['2024-01-01T06:00:00Z', '2024-01-01T12:00:00Z', '2024-01-01T18:00:00Z', '2024-01-02T00:00:00Z']],
    ['cron(5,35 14 * * ? *)', '2024-01-01T14:05:00Z', ['2024-01-01T14:35:00Z', '2024-01-02T14:05:00Z', '2024-01-02T14:35:00Z']],
    // month ends and leap days
    ['cron(0 0 L * ? *)', '2024-01-15T00:00:00Z', ['2024-01-31T00:00:00Z', '2024-02-29T00:00:00Z', '2024-03-31T00:00:00Z', '2024-04-30T00:00:00Z']],
    ['cron(0 0 L 2 ? *)', '2023-03-01T00:00:00Z', ['2024-02-29T00:00:00Z', '2025-02-28T00:00:00Z', '2026-02-28T00:00:00Z', '2027-02-28T00:00:00Z', '2028-02-29T00:00:00Z']],
    ['cron(0 0 29 2 ? *)', '2021-01-01T00:00:00Z', ['2024-02-29T00:00:00Z', '2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z']],
    ['cron(0 0 31 * ? *)', '2024-01-31T00:00:00Z', ['2024-03-31T00:00:00Z', '2024-05-31T00:00:00Z', '2024-07-31T00:00:00Z']],
    ['cron(59 23 28-31 2 ? 2024-2025)', '2024-01-01T00:00:00Z', ['2024-02-28T23:59:00Z', '2024-02-29T23:59:00Z', '2025-02-28T23:59:00Z']],
    // W: the weekday nearest to the day, within the month (Sat -> Fri, Sun -> Mon; the 1st on a Saturday -> Monday the 3rd)
    ['cron(0 9 15W * ? *)', '2024-06-01T00:00:00Z', ['2024-06-14T09:00:00Z', '2024-07-15T09:00:00Z', '2024-08-15T09:00:00Z', '2024-09-16T09:00:00Z']],
    ['cron(0 0 1W * ? *)', '2024-05-31T00:00:00Z', ['2024-06-03T00:00:00Z', '2024-07-01T00:00:00Z', '2024-08-01T00:00:00Z', '2024-09-02T00:00:00Z']],
    ['cron(0 0 LW * ? *)', '2024-03-01T00:00:00Z', ['2024-03-29T00:00:00Z', '2024-04-30T00:00:00Z', '2024-05-31T00:00:00Z', '2024-06-28T00:00:00Z']],
    // day of week: 1 = SUN .. 7 = SAT; L = Saturday, 6L = last Friday, 2#1 = first Monday, 6#5 = fifth Friday (only some months)
    ['cron(0 18 ? * MON-FRI *)', '2024-01-05T18:00:00Z', ['2024-01-08T18:00:00Z', '2024-01-09T18:00:00Z', '2024-01-10T18:00:00Z']],
    ['cron(15 10 ? * L *)', '2024-01-01T00:00:00Z', ['2024-01-06T10:15:00Z', '2024-01-13T10:15:00Z']],
    ['cron(0 12 ? * 6L *)', '2024-01-01T00:00:00Z', ['2024-01-26T12:00:00Z', '2024-02-23T12:00:00Z', '2024-03-29T12:00:00Z']],
    ['cron(30 8 ? * 2#1 *)', '2023-12-31T00:00:00Z', ['2024-01-01T08:30:00Z', '2024-02-05T08:30:00Z', '2024-03-04T08:30:00Z']],
    ['cron(0 0 ? * FRI#5 *)', '2024-01-01T00:00:00Z', ['2024-03-29T00:00:00Z', '2024-05-31T00:00:00Z', '2024-08-30T00:00:00Z', '2024-11-29T00:00:00Z']],
    ['cron(0 0 ? * sun,7 *)', '2024-01-01T00:00:00Z', ['2024-01-06T00:00:00Z', '2024-01-07T00:00:00Z', '2024-01-13T00:00:00Z']],
    // a schedule with an end: nothing after its last year
    ['cron(0 0 1 JAN,JUL ? 2025-2026)', '2024-06-01T00:00:00Z', ['2025-01-01T00:00:00Z', '2025-07-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-07-01T00:00:00Z']],
  ])('%s after %s', (expression, after, expected) => {
    expect(upcoming(expression, after, expected.length)).toEqual(expected);
  });

  it('a schedule whose years are over has no next instant', () => {
    expect(upcoming('cron(0 0 1 JAN,JUL ? 2025-2026)', '2024-06-01T00:00:00Z', 10)).toHaveLength(4);
    expect(nextInvocation(parseScheduleExpression('cron(0 0 1 1 ? 2199)'), ms('2199-01-01T00:00:00Z'), 0)).toBeUndefined();
  });

  it('an instant exactly on the schedule is not its own next instant', () => {
    expect(upcoming('cron(0 10 * * ? *)', '2024-01-01T10:00:00Z', 1)).toEqual(['2024-01-02T10:00:00Z']);
    expect(upcoming('rate(5 minutes)', '2024-01-01T10:05:00Z', 1, '2024-01-01T10:00:00Z')).toEqual(['2024-01-01T10:10:00Z']);
  });
});

describe('schedule expressions the service refuses', () => {
  it.each([
    ['rate(0 minutes)', /at least 1/],
    ['rate(5 seconds)', /minute\(s\), hour\(s\) or day\(s\)/],
    ['rate(1.5 hours)', /positive whole value/],
    ['rate(5minutes)', /rate\(<value> <unit>\)/],
    ['cron(0 10 * * * *)', /exactly one of Day-of-month and Day-of-week must be \?/],
    ['cron(0 10 ? * ? *)', /exactly one of Day-of-month and Day-of-week/],
    ['cron(0 10 * *)', /6 fields .* got 4/],
    ['cron(60 * * * ? *)', /Minutes value 60 is outside 0-59/],
    ['cron(0 24 * * ? *)', /Hours value 24 is outside 0-23/],
    ['cron(0 0 32 * ? *)', /Day-of-month value 32 is outside 1-31/],
    ['cron(0 0 ? * 8 *)', /Day-of-week value 8 is outside 1-7/],
    ['cron(0 0 ? * 2#6 *)', /instance after # must be 1-5/],
    ['cron(0 0 1 FOO ? *)', /Month value "FOO" is not valid/],
    ['cron(0 0 1 * ? 1969)', /Year value 1969 is outside 1970-2199/],
    ['cron(0 0 10-5 * ? *)', /range 10-5 must go from the lower to the higher value/],
    ['cron(0/0 * * * ? *)', /increment "0" must be a positive integer/],
    ['cron(0 ? 1 * ? *)', /Hours cannot be \?/],
    ['cron(0 0 L#2 * ? *)', /Day-of-month item "L#2" is not valid/],
    ['cron(0 0 ? * 2W *)', /Day-of-week item "2W" is not valid/],
    ['every 5 minutes', /must be rate\(\.\.\.\) or cron\(\.\.\.\)/],
  ])('%s', (expression, reason) => {
    let error: unknown;
    try {
      parseScheduleExpression(expression);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScheduleExpressionError);
    expect((error as Error).message).toMatch(reason);
  });
});
