import { localRollupDeployment, rollupScheduledQueries, rollupScheduledQueryInput, type RollupScheduledQuery } from '@iot-timeseries/schema';
import type { ScheduledQueryDescription } from '@aws-sdk/client-timestream-query';
import { definitionChanges } from './definition-diff';

const [definition] = rollupScheduledQueries({ environment: 'local' });
const wanted = rollupScheduledQueryInput(definition, localRollupDeployment('us-east-1', '000000000000'));
/** The description the server gives back for what was created from `input`. */
const described = (query: RollupScheduledQuery, overrides: Partial<ScheduledQueryDescription> = {}): ScheduledQueryDescription => ({
  Arn: 'arn:aws:timestream:us-east-1:000000000000:scheduled-query/x',
  Name: query.name,
  State: 'ENABLED',
  QueryString: query.queryString,
  ScheduleConfiguration: { ScheduleExpression: query.scheduleExpression },
  NotificationConfiguration: { SnsConfiguration: { TopicArn: 'arn:aws:sns:eu-west-1:1:other' } },
  TargetConfiguration: { TimestreamConfiguration: query.target },
  ErrorReportConfiguration: wanted.ErrorReportConfiguration,
  ...overrides,
});

describe('definitionChanges', () => {
  it('finds nothing to change in a query created from the same definition, whatever its topic', () => {
    expect(definitionChanges(described(definition), wanted)).toEqual([]);
  });

  it('takes attribute names the service (or Terraform) fills in with the source column as the same mapping', () => {
    const target = definition.target;
    const filled = {
      ...target,
      MeasureNameColumn: '',
      MultiMeasureMappings: {
        ...target.MultiMeasureMappings,
        MultiMeasureAttributeMappings: target.MultiMeasureMappings?.MultiMeasureAttributeMappings?.map((m) => ({ ...m, TargetMultiMeasureAttributeName: m.SourceColumn })),
      },
    };
    expect(definitionChanges(described(definition, { TargetConfiguration: { TimestreamConfiguration: filled } }), wanted)).toEqual([]);
  });

  it('names what differs: the query, the schedule, the mapping, where error reports go', () => {
    const stale = described(definition, {
      QueryString: definition.queryString.replace('- 1h', '- 30m'),
      ScheduleConfiguration: { ScheduleExpression: 'rate(5 minutes)' },
      TargetConfiguration: { TimestreamConfiguration: { ...definition.target, TableName: 'elsewhere' } },
      ErrorReportConfiguration: { S3Configuration: { BucketName: 'other-bucket' } },
    });
    expect(definitionChanges(stale, wanted)).toEqual(['query', 'schedule', 'target', 'error reports']);
  });
});
