import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ALARM_DEFINITIONS, ANALYTICS_ALARM_DEFINITIONS, disasterRecoverySettings, MQTT_TOPIC, streamConsumerSettings, timestreamSettings, topicRule } from '@iot-timeseries/schema';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { TimestreamwriteTable } from '@cdktf/provider-aws/lib/timestreamwrite-table';
import { all, only, readingsTable, ref, refWhere, statements, synthStack, testConfig, where, type Statement, type SynthesizedStack } from './support';

describe('pipeline stack (dev, Kinesis ingest path)', () => {
  let dev: SynthesizedStack;
  beforeAll(() => {
    dev = synthStack('iot-timeseries-dev');
  });
  const dlq = (attr: string) => refWhere(dev, 'aws_sqs_queue', 'name', 'iot-timeseries-dev-readings-dlq', attr);

  const rejectedBucket = (stack: SynthesizedStack, attr: string) => refWhere(stack, 'aws_s3_bucket', 'bucket_prefix', 'iot-timeseries-dev-rejected-', attr);

  const policyOf = (roleName: string): Statement[] => {
    const roles = dev.resource.aws_iam_role;
    const [roleId] = Object.entries(roles).find(([, r]) => r.name === roleName) ?? [];
    if (!roleId) throw new Error(`no role ${roleName}`);
    const policies = all(dev, 'aws_iam_role_policy').filter((p) => p.role === `\${aws_iam_role.${roleId}.id}`);
    return policies.flatMap((p) => statements(p.policy));
  };

  it('grants the ingest Lambda exactly what it uses, each on its own resource', () => {
    const byAction = Object.fromEntries(policyOf('iot-timeseries-dev-ingest-role').map((s) => [s.Action.join(','), s.Resource]));
    expect(byAction).toEqual({
      'timestream:WriteRecords': readingsTable(dev, 'arn'),
      'timestream:DescribeEndpoints': '*',
      'logs:CreateLogStream,logs:PutLogEvents': `${refWhere(dev, 'aws_cloudwatch_log_group', 'name', '/aws/lambda/iot-timeseries-dev-ingest', 'arn')}:*`,
      'kinesis:DescribeStream,kinesis:DescribeStreamSummary,kinesis:GetRecords,kinesis:GetShardIterator,kinesis:ListShards': ref(dev, 'aws_kinesis_stream', 'arn'),
      'sqs:SendMessage': refWhere(dev, 'aws_sqs_queue', 'name', 'iot-timeseries-dev-readings-dlq', 'arn'),
    });
  });

  it('grants the stale-device probe only Select on the table (and DescribeEndpoints, and its own logs)', () => {
    const byAction = Object.fromEntries(policyOf('iot-timeseries-dev-stale-devices-role').map((s) => [s.Action.join(','), s.Resource]));
    expect(byAction).toEqual({
      'timestream:Select': readingsTable(dev, 'arn'),
      'timestream:DescribeEndpoints': '*',
      'logs:CreateLogStream,logs:PutLogEvents': `${refWhere(dev, 'aws_cloudwatch_log_group', 'name', '/aws/lambda/iot-timeseries-dev-stale-devices', 'arn')}:*`,
    });
  });

  it('runs the stale-device probe every minute from the same artifact, publishing under the pipeline service name', () => {
    const probe = where(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-stale-devices');
    expect(probe).toMatchObject({ handler: 'index.staleDevicesHandler', runtime: 'nodejs22.x', filename: where(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-ingest').filename });
    expect((probe.environment as { variables: Record<string, string> }).variables).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'iot-timeseries-dev-ingest', STALE_AFTER_SECONDS: '300' });
    expect(only(dev, 'aws_cloudwatch_event_rule')).toMatchObject({ schedule_expression: 'rate(1 minute)' });
    expect(only(dev, 'aws_cloudwatch_event_target')).toMatchObject({ arn: refWhere(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-stale-devices', 'arn') });
    expect(only(dev, 'aws_lambda_permission')).toMatchObject({
      principal: 'events.amazonaws.com',
      action: 'lambda:InvokeFunction',
      function_name: refWhere(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-stale-devices', 'function_name'),
      source_arn: ref(dev, 'aws_cloudwatch_event_rule', 'arn'),
    });
  });

  it('grants the topic rule only PutRecord on the stream and SendMessage on the dead-letter queue', () => {
    const byAction = Object.fromEntries(policyOf(`${topicRule.name}_dev-role`).map((s) => [s.Action.join(','), s.Resource]));
    expect(byAction).toEqual({ 'kinesis:PutRecord': ref(dev, 'aws_kinesis_stream', 'arn'), 'sqs:SendMessage': dlq('arn') });
  });

  it('no Allow statement anywhere has a wildcard resource except DescribeEndpoints, nor a wildcard action', () => {
    const allows = all(dev, 'aws_iam_role_policy').flatMap((p) => statements(p.policy)).filter((s) => s.Effect === 'Allow');
    expect(allows.length).toBeGreaterThanOrEqual(10);
    for (const s of allows) {
      if ([s.Resource].flat().includes('*')) expect(s.Action).toEqual(['timestream:DescribeEndpoints']);
      for (const action of s.Action) expect(action).not.toContain('*');
    }
    expect(dev.json).toHaveResourceWithProperties(IamRolePolicy, { name: 'ingest' });
    for (const role of all(dev, 'aws_iam_role')) {
      const trust = statements(role.assume_role_policy);
      expect(trust).toHaveLength(1);
      expect(trust[0].Action).toEqual(['sts:AssumeRole']);
    }
  });

  it('hardens every bucket (rejected data, scheduled-query error reports, exports and their replica): no public access, encryption, TLS only, expiry', () => {
    expect(dev.json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const buckets = Object.entries(dev.resource.aws_s3_bucket);
    expect(buckets.map(([, b]) => b.bucket_prefix).sort()).toEqual(['iot-timeseries-dev-exports-', 'iot-timeseries-dev-exports-dr-', 'iot-timeseries-dev-rejected-', 'iot-timeseries-dev-sq-errors-']);
    for (const [id, { bucket_prefix: prefix }] of buckets) {
      const bucket = `\${aws_s3_bucket.${id}.id}`;
      const arn = `\${aws_s3_bucket.${id}.arn}`;
      expect(where(dev, 'aws_s3_bucket_public_access_block', 'bucket', bucket)).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(where(dev, 'aws_s3_bucket_server_side_encryption_configuration', 'bucket', bucket)).toMatchObject({ rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
      expect(where(dev, 'aws_s3_bucket_ownership_controls', 'bucket', bucket)).toMatchObject({ rule: { object_ownership: 'BucketOwnerEnforced' } });
      const [deny] = statements(where(dev, 'aws_s3_bucket_policy', 'bucket', bucket).policy);
      expect(deny).toMatchObject({ Effect: 'Deny', Action: ['s3:*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
      expect(deny.Resource).toEqual([arn, `${arn}/*`]);
      const days = String(prefix).includes('-exports-') ? disasterRecoverySettings.exports.expireAfterDays : 90;
      expect(where(dev, 'aws_s3_bucket_lifecycle_configuration', 'bucket', bucket)).toMatchObject({ rule: [{ status: 'Enabled', expiration: [{ days }] }] });
    }
  });

  it('takes the Timestream names and retention from libs/schema, rejected late records to the bucket', () => {
    expect(only(dev, 'aws_timestreamwrite_database')).toMatchObject({ database_name: timestreamSettings.databaseName });
    expect(dev.json).toHaveResourceWithProperties(TimestreamwriteTable, {
      table_name: timestreamSettings.tableName,
      retention_properties: {
        memory_store_retention_period_in_hours: timestreamSettings.retention.memoryStoreRetentionHours,
        magnetic_store_retention_period_in_days: timestreamSettings.retention.magneticStoreRetentionDays,
      },
    });
    expect(where(dev, 'aws_timestreamwrite_table', 'table_name', timestreamSettings.tableName).magnetic_store_write_properties).toEqual({
      enable_magnetic_store_writes: true,
      magnetic_store_rejected_data_location: {
        s3_configuration: { bucket_name: rejectedBucket(dev, 'bucket'), object_key_prefix: timestreamSettings.magneticStoreWrites.rejectedDataKeyPrefix, encryption_option: 'SSE_S3' },
      },
    });
    const prod = synthStack('iot-timeseries-prod');
    expect(where(prod, 'aws_timestreamwrite_table', 'table_name', timestreamSettings.tableName)).toMatchObject({ retention_properties: { magnetic_store_retention_period_in_days: 3 * 365 } });
  });

  it('deploys the Lambda build artifact on nodejs22.x with its settings and a log group with retention', () => {
    const fn = where(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-ingest');
    const artifact = testConfig().artifactPath;
    expect(fn).toMatchObject({ runtime: 'nodejs22.x', handler: 'index.handler', function_name: 'iot-timeseries-dev-ingest' });
    expect(fn.source_code_hash).toBe(createHash('sha256').update(readFileSync(artifact)).digest('base64'));
    expect((fn.environment as { variables: Record<string, string> }).variables).toMatchObject({
      DATABASE_NAME: ref(dev, 'aws_timestreamwrite_database', 'database_name'),
      TABLE_NAME: readingsTable(dev, 'table_name'),
      DEAD_LETTER_QUEUE_URL: dlq('url'),
    });
    expect(where(dev, 'aws_cloudwatch_log_group', 'name', '/aws/lambda/iot-timeseries-dev-ingest')).toMatchObject({ retention_in_days: 14 });
  });

  it('feeds the Lambda from an on-demand stream: bisect, bounded retries, partial batches, per-shard parallel batches, failures to the DLQ', () => {
    expect(only(dev, 'aws_kinesis_stream')).toMatchObject({ stream_mode_details: { stream_mode: 'ON_DEMAND' }, encryption_type: 'KMS' });
    expect(where(dev, 'aws_lambda_event_source_mapping', 'function_name', refWhere(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-ingest', 'function_name'))).toMatchObject({
      event_source_arn: ref(dev, 'aws_kinesis_stream', 'arn'),
      function_name: refWhere(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-ingest', 'function_name'),
      batch_size: 500,
      maximum_batching_window_in_seconds: 5,
      bisect_batch_on_function_error: true,
      maximum_retry_attempts: 5,
      parallelization_factor: streamConsumerSettings.parallelizationFactor,
      function_response_types: ['ReportBatchItemFailures'],
      destination_config: { on_failure: { destination_arn: dlq('arn') } },
    });
  });

  it('routes the sensors topic to Kinesis with the shared SQL, an escaped partition key and an error action', () => {
    const rule = only(dev, 'aws_iot_topic_rule');
    expect(rule).toMatchObject({ sql: topicRule.sql, sql_version: topicRule.sqlVersion, enabled: true });
    expect(rule.sql).toContain(`FROM '${MQTT_TOPIC}'`);
    expect(rule.kinesis).toEqual([{ stream_name: ref(dev, 'aws_kinesis_stream', 'name'), partition_key: '$${device_id}', role_arn: expect.any(String) }]);
    expect(dev.json).not.toMatch(/[^$]\$\{device_id\}/);
    expect(rule.error_action).toMatchObject({ sqs: { queue_url: dlq('url') } });
  });

  it('lets a device connect only as its own thing and publish only sensor readings', () => {
    const policy = statements(only(dev, 'aws_iot_policy').policy);
    expect(policy).toEqual([
      expect.objectContaining({ Action: ['iot:Connect'], Resource: 'arn:aws:iot:eu-west-1:123456789012:client/$${iot:Connection.Thing.ThingName}', Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } } }),
      expect.objectContaining({ Action: ['iot:Publish'], Resource: `arn:aws:iot:eu-west-1:123456789012:topic/${MQTT_TOPIC}` }),
    ]);
  });

  it('creates one alarm per shared alarm definition, all notifying the SNS topic', () => {
    const alarms = all(dev, 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual([...ALARM_DEFINITIONS, ...ANALYTICS_ALARM_DEFINITIONS].map((d) => `iot-timeseries-dev-${d.id}`).sort());
    for (const d of ALARM_DEFINITIONS) {
      const alarm = alarms.find((a) => a.alarm_name === `iot-timeseries-dev-${d.id}`);
      expect(alarm).toMatchObject({
        namespace: d.namespace,
        metric_name: d.metricName,
        statistic: d.statistic,
        period: d.periodSeconds,
        evaluation_periods: d.evaluationPeriods,
        threshold: d.threshold,
        comparison_operator: d.comparison,
        treat_missing_data: d.treatMissingData,
        alarm_actions: [refWhere(dev, 'aws_sns_topic', 'name', 'iot-timeseries-dev-alarms', 'arn')],
      });
    }
    expect(dev.resource.aws_sns_topic_subscription).toBeUndefined();
    const prod = synthStack('iot-timeseries-prod', { INFRA_NOTIFICATION_EMAIL: 'ops@example.com' });
    const writeLatency = all(prod, 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === 'iot-timeseries-prod-write-latency');
    expect(writeLatency?.threshold).toBe(500);
    expect(where(prod, 'aws_sns_topic_subscription', 'topic_arn', refWhere(prod, 'aws_sns_topic', 'name', 'iot-timeseries-prod-alarms', 'arn'))).toMatchObject({ protocol: 'email', endpoint: 'ops@example.com' });
  });

  it('has a dashboard graphing every alarmed metric, and outputs the names users need', () => {
    const body = JSON.parse(String(only(dev, 'aws_cloudwatch_dashboard').dashboard_body)) as { widgets: Array<{ properties: { metrics: string[][] } }> };
    const graphed = body.widgets.map((w) => w.properties.metrics[0][1]);
    for (const d of ALARM_DEFINITIONS) expect(graphed).toContain(d.metricName);
    expect(Object.keys(dev.output).sort()).toEqual([
      'alarm_topic_arn',
      'alert_topic_arn',
      'backup_copy_vault_arn',
      'backup_restore_role_arn',
      'backup_vault_arn',
      'database_name',
      'dead_letter_queue_url',
      'events_table_name',
      'export_bucket',
      'export_replica_bucket',
      'ingest_function',
      'scheduled_query_error_bucket',
      'scheduled_query_topic_arn',
      'stream_name',
      'table_arn',
      'table_name',
      'topic_rule',
      'window_function',
      'windows_table_name',
    ]);
  });

  it('keeps state in a local file unless a state bucket is given, then in S3 with a lock file', () => {
    expect(Object.keys(dev.terraform.backend)).toEqual(['local']);
    const remote = synthStack('iot-timeseries-dev', { INFRA_STATE_BUCKET: 'acme-terraform-state', INFRA_STATE_REGION: 'eu-central-1' });
    expect(remote.terraform.backend).toEqual({ s3: { bucket: 'acme-terraform-state', key: 'iot-timeseries/dev.tfstate', region: 'eu-central-1', encrypt: true, use_lockfile: true } });
  });

  it('synthesizes the same Terraform as last reviewed (snapshot)', () => {
    const normalized = dev.json.replace(/"[^"]*infra-test-[^"/]+/g, '"<tmp>').replace(/"source_code_hash": "[^"]+"/, '"source_code_hash": "<hash>"');
    expect(JSON.parse(normalized)).toMatchSnapshot();
  });
});
