import { InputChecker } from '../shared/validate';

/** BatchLoadTaskId: 3 to 32 of [A-Z0-9]. */
export function checkTaskId(input: unknown): string {
  const check = InputChecker.of(input);
  const taskId = check.string('TaskId', { required: true, min: 3, max: 32, pattern: /^[A-Z0-9]+$/ });
  check.done();
  return taskId as string;
}
