import { ROLLUP_SEED_EVENT, rollupList, rollupScheduledQueries, rollupSettings, SCHEMA_SEED_EVENT } from '@iot-timeseries/schema';
import { NOTIFIED_BY_EMAIL } from '../src/constructs/scheduled-query-topic';
import { all, readingsTable, refWhere, statements, synthStack, where, type SynthesizedStack } from './support';

const idOf = (stack: SynthesizedStack, type: string, key: string, value: unknown): string => {
  const [id] = Object.entries(stack.resource[type] ?? {}).find(([, r]) => r[key] === value) ?? [];
  if (!id) throw new Error(`no ${type} with ${key} = ${String(value)}`);
  return id;
};

describe('the rollups in the AWS stack (dev)', () => {
  let dev: SynthesizedStack;
  const definitions = rollupScheduledQueries({ environment: 'dev' });
  const topic = () => refWhere(dev, 'aws_sns_topic', 'name', 'iot-timeseries-dev-scheduled-queries', 'arn');
  const errorBucket = (attr: string) => refWhere(dev, 'aws_s3_bucket', 'bucket_prefix', 'iot-timeseries-dev-sq-errors-', attr);
  beforeAll(() => {
    dev = synthStack('iot-timeseries-dev');
  });

  it('creates each rollup table of libs/schema beside the readings, with its retention and magnetic-store writes', () => {
    for (const rollup of rollupList()) {
      expect(where(dev, 'aws_timestreamwrite_table', 'table_name', rollup.table.tableName)).toMatchObject({
        database_name: refWhere(dev, 'aws_timestreamwrite_database', 'database_name', rollupSettings.databaseName, 'database_name'),
        retention_properties: {
          memory_store_retention_period_in_hours: rollup.table.retention.memoryStoreRetentionHours,
          magnetic_store_retention_period_in_days: rollup.table.retention.magneticStoreRetentionDays,
        },
        magnetic_store_write_properties: {
          enable_magnetic_store_writes: true,
          magnetic_store_rejected_data_location: { s3_configuration: { object_key_prefix: rollup.table.magneticStoreWrites.rejectedDataKeyPrefix, encryption_option: 'SSE_S3' } },
        },
      });
    }
  });

  it('creates one scheduled query per rollup from the same definitions the local cloud uses', () => {
    const queries = all(dev, 'aws_timestreamquery_scheduled_query');
    expect(queries.map((q) => q.name).sort()).toEqual(definitions.map((d) => d.name).sort());
    const roleArn = `\${aws_iam_role.${idOf(dev, 'aws_iam_role', 'name', 'iot-timeseries-dev-scheduled-queries')}.arn}`;
    for (const d of definitions) {
      const q = where(dev, 'aws_timestreamquery_scheduled_query', 'name', d.name);
      expect(q).toMatchObject({
        query_string: d.queryString,
        execution_role_arn: roleArn,
        schedule_configuration: [{ schedule_expression: d.scheduleExpression }],
        notification_configuration: [{ sns_configuration: [{ topic_arn: topic() }] }],
        error_report_configuration: [{ s3_configuration: [{ bucket_name: errorBucket('bucket'), object_key_prefix: d.errorReportKeyPrefix, encryption_option: 'SSE_S3' }] }],
        lifecycle: { ignore_changes: ['last_run_summary', 'recently_failed_runs'] },
      });
      const [{ timestream_configuration: [target] }] = q.target_configuration as Array<{ timestream_configuration: Array<Record<string, unknown>> }>;
      expect(target).toEqual({
        database_name: d.target.DatabaseName,
        table_name: d.target.TableName,
        time_column: 'bin_time',
        dimension_mapping: [
          { name: 'device_id', dimension_value_type: 'VARCHAR' },
          { name: 'location', dimension_value_type: 'VARCHAR' },
        ],
        multi_measure_mappings: [
          {
            target_multi_measure_name: d.target.MultiMeasureMappings?.TargetMultiMeasureName,
            multi_measure_attribute_mapping: d.target.MultiMeasureMappings?.MultiMeasureAttributeMappings?.map((m) => ({ source_column: m.SourceColumn, measure_value_type: m.MeasureValueType })),
          },
        ],
      });
    }
    // the variance statistic the anomaly baseline merges across bins, in the deployed SQL and mapping
    const hourly = where(dev, 'aws_timestreamquery_scheduled_query', 'name', definitions.find((d) => d.rollup.id === 'rollup-1h')?.name);
    expect(hourly.query_string).toContain('var_pop("temperature") * count("temperature") AS "temperature_m2"');
    expect(JSON.stringify(hourly.target_configuration)).toContain('{"measure_value_type":"DOUBLE","source_column":"temperature_m2"}');
  });

  it('creates them after the seed record, the role policy and the tables, so a fresh account can create them', () => {
    const seedId = idOf(dev, 'aws_lambda_invocation', 'input', JSON.stringify(SCHEMA_SEED_EVENT));
    expect(dev.resource.aws_lambda_invocation[seedId]).toMatchObject({
      function_name: refWhere(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-ingest', 'function_name'),
      input: JSON.stringify(SCHEMA_SEED_EVENT),
    });
    const ingestPolicy = Object.entries(dev.resource.aws_iam_role_policy).find(([, p]) => p.name === 'ingest')?.[0];
    expect(dev.resource.aws_lambda_invocation[seedId].depends_on).toEqual(expect.arrayContaining([`aws_iam_role_policy.${ingestPolicy}`]));
    const rolePolicy = Object.entries(dev.resource.aws_iam_role_policy).find(([, p]) => p.name === 'scheduled-query-role')?.[0];
    for (const q of all(dev, 'aws_timestreamquery_scheduled_query')) {
      expect(q.depends_on).toEqual(
        expect.arrayContaining([
          `aws_lambda_invocation.${seedId}`,
          `aws_iam_role_policy.${rolePolicy}`,
          ...rollupList().map((r) => `aws_timestreamwrite_table.${idOf(dev, 'aws_timestreamwrite_table', 'table_name', r.table.tableName)}`),
        ]),
      );
    }
  });

  it('seeds the rollup tables through a function of its own once they exist, before the scheduled queries', () => {
    const fn = where(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-rollup-seed');
    expect(fn).toMatchObject({ handler: 'index.rollupSeedHandler', runtime: 'nodejs22.x' });
    expect((fn.environment as { variables: Record<string, string> }).variables).toMatchObject({ DATABASE_NAME: refWhere(dev, 'aws_timestreamwrite_database', 'database_name', rollupSettings.databaseName, 'database_name') });
    const seedId = idOf(dev, 'aws_lambda_invocation', 'input', JSON.stringify(ROLLUP_SEED_EVENT));
    const invocation = dev.resource.aws_lambda_invocation[seedId];
    expect(invocation.function_name).toBe(refWhere(dev, 'aws_lambda_function', 'function_name', 'iot-timeseries-dev-rollup-seed', 'function_name'));
    const tables = rollupList().map((r) => `aws_timestreamwrite_table.${idOf(dev, 'aws_timestreamwrite_table', 'table_name', r.table.tableName)}`);
    const policy = Object.entries(dev.resource.aws_iam_role_policy).find(([, p]) => p.name === 'rollup-seed')?.[0];
    expect(invocation.depends_on).toEqual(expect.arrayContaining([`aws_iam_role_policy.${policy}`, ...tables]));
    expect(invocation.triggers).toEqual({ tables: rollupList().map((r) => readingsTable(dev, 'arn', r.table.tableName)).join(',') });
    for (const q of all(dev, 'aws_timestreamquery_scheduled_query')) expect(q.depends_on).toEqual(expect.arrayContaining([`aws_lambda_invocation.${seedId}`]));
  });

  it('grants the rollup-seed function WriteRecords on the rollup tables only, and the ingest function still only on the readings', () => {
    const policyOf = (name: string) => statements(Object.values(dev.resource.aws_iam_role_policy).find((p) => p.name === name)?.policy);
    const bySid = Object.fromEntries(policyOf('rollup-seed').map((s) => [s.Sid, [s.Action, s.Resource]]));
    expect(bySid).toEqual({
      SeedRollupTables: [['timestream:WriteRecords'], rollupList().map((r) => readingsTable(dev, 'arn', r.table.tableName))],
      DiscoverEndpoints: [['timestream:DescribeEndpoints'], '*'],
      OwnLogs: [['logs:CreateLogStream', 'logs:PutLogEvents'], `${refWhere(dev, 'aws_cloudwatch_log_group', 'name', '/aws/lambda/iot-timeseries-dev-rollup-seed', 'arn')}:*`],
    });
    const ingestWrites = policyOf('ingest').filter((s) => ([] as string[]).concat(s.Action as string | string[]).includes('timestream:WriteRecords'));
    expect(ingestWrites.map((s) => s.Resource)).toEqual([readingsTable(dev, 'arn')]);
  });

  it('lets only Timestream scheduled queries of this account assume the execution role', () => {
    const [trust] = statements(where(dev, 'aws_iam_role', 'name', 'iot-timeseries-dev-scheduled-queries').assume_role_policy);
    expect(trust).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'timestream.amazonaws.com' },
      Action: ['sts:AssumeRole'],
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:timestream:eu-west-1:123456789012:scheduled-query/*' } },
    });
  });

  it('grants the execution role exactly what a run does, each statement on its own resource', () => {
    const roleId = idOf(dev, 'aws_iam_role', 'name', 'iot-timeseries-dev-scheduled-queries');
    const policies = all(dev, 'aws_iam_role_policy').filter((p) => p.role === `\${aws_iam_role.${roleId}.id}`);
    expect(policies).toHaveLength(1);
    const bySid = Object.fromEntries(statements(policies[0].policy).map((s) => [s.Sid, [s.Action, s.Resource]]));
    expect(bySid).toEqual({
      ReadReadings: [['timestream:Select'], readingsTable(dev, 'arn')],
      // the 7-day baseline pools the hourly rollup: that table only
      ReadSourceRollups: [['timestream:Select'], [readingsTable(dev, 'arn', rollupSettings.perHour.table.tableName)]],
      WriteRollups: [['timestream:WriteRecords'], rollupList().map((r) => readingsTable(dev, 'arn', r.table.tableName))],
      DiscoverEndpoints: [['timestream:DescribeEndpoints'], '*'],
      PublishRunNotifications: [['sns:Publish'], topic()],
      WriteErrorReports: [['s3:PutObject'], `${errorBucket('arn')}/${rollupSettings.errorReportKeyPrefix}*`],
    });
  });

  it('notifies an encrypted topic; an e-mail subscriber hears of failures and state changes only', () => {
    expect(where(dev, 'aws_sns_topic', 'name', 'iot-timeseries-dev-scheduled-queries')).toMatchObject({ kms_master_key_id: 'alias/aws/sns' });
    const prod = synthStack('iot-timeseries-prod', { INFRA_NOTIFICATION_EMAIL: 'ops@example.com' });
    const subscription = where(prod, 'aws_sns_topic_subscription', 'topic_arn', refWhere(prod, 'aws_sns_topic', 'name', 'iot-timeseries-prod-scheduled-queries', 'arn'));
    expect(subscription).toMatchObject({ protocol: 'email', endpoint: 'ops@example.com', filter_policy_scope: 'MessageAttributes' });
    expect(JSON.parse(String(subscription.filter_policy))).toEqual({ notificationType: [...NOTIFIED_BY_EMAIL] });
    expect(NOTIFIED_BY_EMAIL).toEqual(['AUTO_TRIGGER_FAILURE', 'MANUAL_TRIGGER_FAILURE', 'SCHEDULED_QUERY_UPDATED']);
    expect(where(prod, 'aws_timestreamquery_scheduled_query', 'name', 'iot-timeseries-prod-rollup-1h')).toBeDefined();
  });
});
