import type { CreateScheduledQueryRequest } from '@aws-sdk/client-timestream-query';
import { ValidationException } from '../../errors';
import type { ScheduledQuerySpec } from '../../scheduled/definition';
import { ScheduleExpressionError } from '../../scheduled/errors';
import { parseScheduleExpression } from '../../scheduled/schedule-expression';
import { targetProblems } from '../../scheduled/target-rules';
import { readTags } from '../shared/tags';
import { InputChecker } from '../shared/validate';
import { readTarget } from './target-check';

/** The model's patterns, printed as the service prints them in constraint messages. */
const NAME_PATTERN = new RegExp(`^${"[a-zA-Z0-9|!\\-_*'\\(\\)]([a-zA-Z0-9]|[!\\-_*'\\(\\)\\/.])+"}$`);
const BUCKET_PATTERN = new RegExp(`^${'[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]'}$`);

export const CLIENT_TOKEN = { min: 32, max: 128 };
const ARN = { min: 1, max: 2048 };

/** Model constraints of CreateScheduledQuery, then the schedule expression and the target mapping rules. */
export function checkCreateRequest(input: unknown): ScheduledQuerySpec {
  const check = InputChecker.of(input);
  const request = input as CreateScheduledQueryRequest & Record<string, unknown>;
  const name = check.string('Name', { required: true, min: 1, max: 64, pattern: NAME_PATTERN });
  const queryString = check.string('QueryString', { required: true, min: 1, max: 262144 });
  const schedule = check.object('ScheduleConfiguration', { required: true });
  const expression = schedule && check.string('ScheduleExpression', { value: schedule.ScheduleExpression, path: 'scheduleConfiguration.scheduleExpression', required: true, min: 1, max: 256 });
  const notification = check.object('NotificationConfiguration', { required: true });
  const sns = notification && check.object('SnsConfiguration', { value: notification.SnsConfiguration, path: 'notificationConfiguration.snsConfiguration', required: true });
  const topicArn = sns && check.string('TopicArn', { value: sns.TopicArn, path: 'notificationConfiguration.snsConfiguration.topicArn', required: true, ...ARN });
  const target = readTarget(check, request.TargetConfiguration);
  const clientToken = check.string('ClientToken', { ...CLIENT_TOKEN });
  const roleArn = check.string('ScheduledQueryExecutionRoleArn', { required: true, ...ARN });
  const tags = readTags(check, 'Tags', request.Tags);
  const kmsKeyId = check.string('KmsKeyId', { min: 1, max: 2048 });
  const report = check.object('ErrorReportConfiguration', { required: true });
  const s3 = report && check.object('S3Configuration', { value: report.S3Configuration, path: 'errorReportConfiguration.s3Configuration', required: true });
  const s3Path = 'errorReportConfiguration.s3Configuration';
  const bucketName = s3 && check.string('BucketName', { value: s3.BucketName, path: `${s3Path}.bucketName`, required: true, min: 3, max: 63, pattern: BUCKET_PATTERN });
  const prefix = s3 && check.string('ObjectKeyPrefix', { value: s3.ObjectKeyPrefix, path: `${s3Path}.objectKeyPrefix`, min: 1, max: 896, pattern: NAME_PATTERN });
  const encryption = s3 && check.enumValue('EncryptionOption', ['SSE_S3', 'SSE_KMS'] as const, { value: s3.EncryptionOption, path: `${s3Path}.encryptionOption` });
  check.done();

  try {
    parseScheduleExpression(expression as string);
  } catch (error) {
    if (!(error instanceof ScheduleExpressionError)) throw error;
    throw new ValidationException(`Invalid ScheduleConfiguration.ScheduleExpression ${JSON.stringify(expression)}: ${error.message}.`, { cause: error });
  }
  if (target) {
    const problems = targetProblems(target);
    if (problems.length > 0) throw new ValidationException(`Invalid TargetConfiguration.TimestreamConfiguration: ${problems.join('; ')}.`);
  }
  return {
    name: name as string,
    queryString: queryString as string,
    scheduleExpression: expression as string,
    topicArn: topicArn as string,
    ...(target ? { target } : {}),
    executionRoleArn: roleArn as string,
    ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
    errorReport: { S3Configuration: { BucketName: bucketName as string, ...(prefix !== undefined ? { ObjectKeyPrefix: prefix } : {}), EncryptionOption: encryption ?? 'SSE_S3' } },
    tags,
    ...(clientToken !== undefined ? { clientToken } : {}),
  };
}
