import { analyticsSettings, analyticsTables, ANALYTICS_ALARM_DEFINITIONS, ANALYTICS_METRICS, parseWindowEnvironment, rollupList, timestreamSettings, windowConsumerSettings } from '@iot-timeseries/schema';
import { all, only, refWhere, statements, synthStack, where, type Statement, type SynthesizedStack } from './support';

describe('pipeline stack: predictive maintenance (the window function)', () => {
  let dev: SynthesizedStack;
  beforeAll(() => {
    dev = synthStack('iot-timeseries-dev');
  });

  const table = (name: string, attr: string) => refWhere(dev, 'aws_timestreamwrite_table', 'table_name', name, attr);
  const windowsFn = (attr: string) => refWhere(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-windows', attr);
  const policyOf = (roleName: string): Statement[] => {
    const [roleId] = Object.entries(dev.resource.aws_iam_role).find(([, r]) => r.name === roleName) ?? [];
    if (!roleId) throw new Error(`no role ${roleName}`);
    return all(dev, 'aws_iam_role_policy').filter((p) => p.role === `\${aws_iam_role.${roleId}.id}`).flatMap((p) => statements(p.policy));
  };

  it('grants the window function exactly what it uses, each statement on its own resources', () => {
    const bySid = Object.fromEntries(policyOf('iot-timeseries-dev-windows-role').map((s) => [s.Sid, { action: s.Action, resource: s.Resource }]));
    expect(bySid).toEqual({
      WriteWindowsAndEvents: { action: ['timestream:WriteRecords'], resource: [table(analyticsTables.windows.tableName, 'arn'), table(analyticsTables.events.tableName, 'arn')] },
      ReadWindowHistory: { action: ['timestream:Select'], resource: table(analyticsTables.windows.tableName, 'arn') },
      DiscoverEndpoints: { action: ['timestream:DescribeEndpoints'], resource: '*' },
      PublishAlerts: { action: ['sns:Publish'], resource: refWhere(dev, 'aws_sns_topic', 'name', 'iot-timeseries-dev-device-alerts', 'arn') },
      ReadStream: { action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'], resource: `\${aws_kinesis_stream.${Object.keys(dev.resource.aws_kinesis_stream)[0]}.arn}` },
      DeadLetters: { action: ['sqs:SendMessage'], resource: refWhere(dev, 'aws_sqs_queue', 'name', 'iot-timeseries-dev-windows-dlq', 'arn') },
      OwnLogs: { action: ['logs:CreateLogStream', 'logs:PutLogEvents'], resource: `${refWhere(dev, 'aws_cloudwatch_log_group', 'name', '/aws/lambda/iot-timeseries-dev-windows', 'arn')}:*` },
    });
    // the readings table and the ingest dead-letter queue are not the window function's
    const resources = policyOf('iot-timeseries-dev-windows-role').flatMap((s) => [s.Resource].flat());
    expect(resources).not.toContain(table(timestreamSettings.tableName, 'arn'));
    expect(resources).not.toContain(refWhere(dev, 'aws_sqs_queue', 'name', 'iot-timeseries-dev-readings-dlq', 'arn'));
  });

  it('feeds it from the same stream through its own tumbling-window mapping: no bisect, partial batches, bounded retries, its own DLQ', () => {
    const mapping = where(dev, 'aws_lambda_event_source_mapping', 'function_name', windowsFn('function_name'));
    expect(mapping).toMatchObject({
      event_source_arn: `\${aws_kinesis_stream.${Object.keys(dev.resource.aws_kinesis_stream)[0]}.arn}`,
      tumbling_window_in_seconds: analyticsSettings.windowSeconds,
      bisect_batch_on_function_error: false,
      maximum_retry_attempts: 5,
      // libs/schema's settings, which the local cloud's window mapping uses too.
      batch_size: windowConsumerSettings.batchSize,
      maximum_batching_window_in_seconds: windowConsumerSettings.maximumBatchingWindowSeconds,
      maximum_record_age_in_seconds: windowConsumerSettings.maximumRecordAgeSeconds,
      function_response_types: ['ReportBatchItemFailures'],
      destination_config: { on_failure: { destination_arn: refWhere(dev, 'aws_sqs_queue', 'name', 'iot-timeseries-dev-windows-dlq', 'arn') } },
    });
    expect(all(dev, 'aws_lambda_event_source_mapping')).toHaveLength(2);
    const custom = synthStack('iot-timeseries-dev', { INFRA_WINDOW_SECONDS: '300' });
    expect(where(custom, 'aws_lambda_event_source_mapping', 'tumbling_window_in_seconds', 300)).toBeDefined();
    expect(() => synthStack('iot-timeseries-dev', { INFRA_WINDOW_SECONDS: '901' })).toThrow(/INFRA_WINDOW_SECONDS must be a whole number from 1 to 900, got "901"/);
  });

  it('runs windowHandler from the same artifact with an environment the function itself accepts (SNS alerts)', () => {
    const fn = where(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-windows');
    const ingest = where(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-ingest');
    expect(fn).toMatchObject({ handler: 'index.windowHandler', runtime: 'nodejs22.x', filename: ingest.filename, memory_size: 1024, timeout: 300 });
    const variables = (fn.environment as { variables: Record<string, string> }).variables;
    expect(variables.ALERT_TOPIC_ARN).toBe(refWhere(dev, 'aws_sns_topic', 'name', 'iot-timeseries-dev-device-alerts', 'arn'));
    // Terraform fills in the topic's ARN at apply; with one in its place the function's own parser takes the environment.
    const parsed = parseWindowEnvironment({ ...variables, ALERT_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:iot-timeseries-dev-device-alerts' });
    expect(parsed.alerts).toEqual({ kind: 'sns', topicArn: 'arn:aws:sns:eu-west-1:123456789012:iot-timeseries-dev-device-alerts' });
    expect(parsed.windowsTableName).toBe(table(analyticsTables.windows.tableName, 'table_name'));
    expect(parsed.eventsTableName).toBe(table(analyticsTables.events.tableName, 'table_name'));
    expect(parsed.serviceName).toBe('iot-timeseries-dev-windows');
  });

  it('creates the windows and events tables beside the readings table, with the analytics retention', () => {
    for (const name of [analyticsTables.windows.tableName, analyticsTables.events.tableName]) {
      expect(where(dev, 'aws_timestreamwrite_table', 'table_name', name)).toMatchObject({
        database_name: `\${aws_timestreamwrite_database.${Object.keys(dev.resource.aws_timestreamwrite_database)[0]}.database_name}`,
        retention_properties: { memory_store_retention_period_in_hours: analyticsTables.retention.memoryStoreRetentionHours, magnetic_store_retention_period_in_days: analyticsTables.retention.magneticStoreRetentionDays },
      });
    }
  });

  it('alarms on predicted failures (the window function\'s service dimension) to the alarm topic, and graphs them', () => {
    const [d] = ANALYTICS_ALARM_DEFINITIONS;
    expect(where(dev, 'aws_cloudwatch_metric_alarm', 'alarm_name', 'iot-timeseries-dev-predicted-failures')).toMatchObject({
      metric_name: ANALYTICS_METRICS.predictedFailures,
      namespace: d.namespace,
      dimensions: { service: windowsFn('function_name') },
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
      alarm_actions: [refWhere(dev, 'aws_sns_topic', 'name', 'iot-timeseries-dev-alarms', 'arn')],
    });
    const body = JSON.parse(String(only(dev, 'aws_cloudwatch_dashboard').dashboard_body)) as { widgets: Array<{ properties: { metrics: string[][] } }> };
    expect(body.widgets.map((w) => w.properties.metrics[0][1])).toEqual(expect.arrayContaining([ANALYTICS_METRICS.predictedFailures, ANALYTICS_METRICS.alertsRaised]));
  });

  it('sends device alerts to the e-mail when one is given, and has no window function on the direct Timestream path', () => {
    const prod = synthStack('iot-timeseries-prod', { INFRA_NOTIFICATION_EMAIL: 'ops@example.com' });
    expect(all(prod, 'aws_sns_topic_subscription').map((s) => s.topic_arn).sort()).toEqual(
      // the pipeline's alarms, the device alerts and the rollups' scheduled-query notifications
      ['alarms', 'device-alerts', 'scheduled-queries'].map((topic) => refWhere(prod, 'aws_sns_topic', 'name', `iot-timeseries-prod-${topic}`, 'arn')).sort(),
    );
    const direct = synthStack('iot-timeseries-dev', { INFRA_INGEST_PATH: 'timestream' });
    expect(all(direct, 'aws_lambda_function').map((f) => f.function_name)).not.toContain('iot-timeseries-dev-windows');
    // the readings and the rollups, no windows or events table
    expect(all(direct, 'aws_timestreamwrite_table').map((t) => t.table_name).sort()).toEqual([timestreamSettings.tableName, ...rollupList().map((r) => r.table.tableName)].sort());
  });
});
