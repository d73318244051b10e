import { InputChecker } from '../shared/validate';

/** The ScheduledQueryArn member (1..2048), checked with the rest of `check`. */
export const readScheduledQueryArn = (check: InputChecker): string | undefined => check.string('ScheduledQueryArn', { required: true, min: 1, max: 2048 });

/** Input with only ScheduledQueryArn (Describe, Delete). */
export function checkArnRequest(input: unknown): string {
  const check = InputChecker.of(input);
  const arn = readScheduledQueryArn(check);
  check.done();
  return arn as string;
}
