import { App, Testing } from 'cdktf';
import { analyticsTables, DIMENSION_NAMES, MEASURE_NAMES, MQTT_TOPIC, rollupList, timestreamSettings } from '@iot-timeseries/schema';
import { PipelineStack } from '../src/stacks/pipeline-stack';
import { all, only, readingsTable, ref, statements, synthStack, testConfig, type SynthesizedStack } from './support';

describe('pipeline stack options', () => {
  it('direct Timestream action: record time from the message timestamp, device_id and location as dimensions, only measures selected', () => {
    const stack = synthStack('iot-timeseries-dev', { INFRA_INGEST_PATH: 'timestream' });
    const rule = only(stack, 'aws_iot_topic_rule');
    expect(rule.kinesis).toBeUndefined();
    expect(rule.sql).toBe(`SELECT ${MEASURE_NAMES.join(', ')} FROM '${MQTT_TOPIC}' WHERE device_id = clientid()`);
    expect(String(rule.sql)).not.toMatch(/\btimestamp\b/);
    const [action] = rule.timestream as Array<Record<string, unknown>>;
    expect(action).toMatchObject({
      database_name: ref(stack, 'aws_timestreamwrite_database', 'database_name'),
      table_name: readingsTable(stack, 'table_name'),
      timestamp: { unit: 'MILLISECONDS', value: '$${timestamp}' },
    });
    expect(action.dimension).toEqual(DIMENSION_NAMES.map((name) => ({ name, value: `$\${${name}}` })));
    expect(DIMENSION_NAMES).toEqual(expect.arrayContaining(['device_id', 'location']));
    expect(rule.error_action).toMatchObject({ sqs: { queue_url: ref(stack, 'aws_sqs_queue', 'url') } });
    const ruleRole = Object.keys(stack.resource.aws_iam_role).find((id) => String(stack.resource.aws_iam_role[id].name).endsWith('_dev-role'));
    const policy = all(stack, 'aws_iam_role_policy').find((p) => p.role === `\${aws_iam_role.${ruleRole}.id}`);
    expect(Object.fromEntries(statements(policy?.policy).map((s) => [s.Action.join(), s.Resource]))).toEqual({
      'timestream:WriteRecords': readingsTable(stack, 'arn'),
      'timestream:DescribeEndpoints': '*',
      'sqs:SendMessage': ref(stack, 'aws_sqs_queue', 'arn'),
    });
  });

  it('a customer KMS key encrypts the database, the buckets (SSE-KMS), the rejected-data reports, the scheduled queries and their error reports', () => {
    const config = testConfig();
    const app = new App({ outdir: config.outdir });
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const stack = new PipelineStack(app, 'kms', { environment: 'kms', region: 'eu-west-1', accountId: '123456789012', lambdaArtifact: { path: config.artifactPath, sha256Base64: 'x' }, kmsKeyArn: key });
    const synthesized = JSON.parse(Testing.synth(stack)) as SynthesizedStack;
    expect(only(synthesized, 'aws_timestreamwrite_database').kms_key_id).toBe(key);
    const encryption = all(synthesized, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(encryption).toHaveLength(2);
    for (const e of encryption) expect(e).toMatchObject({ rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: key }, bucket_key_enabled: true }] });
    const tables = all(synthesized, 'aws_timestreamwrite_table');
    // the readings, four rollups, the window function's two
    expect(tables).toHaveLength(1 + rollupList().length + 2);
    // the readings and the rollups write rejected-data reports (magnetic-store writes); the window function's tables have none
    const reporting = [timestreamSettings.tableName, ...rollupList().map((r) => r.table.tableName)];
    for (const table of tables.filter((t) => reporting.includes(String(t.table_name)))) {
      expect(table).toMatchObject({ magnetic_store_write_properties: { magnetic_store_rejected_data_location: { s3_configuration: { encryption_option: 'SSE_KMS', kms_key_id: key } } } });
    }
    expect(tables.filter((t) => !reporting.includes(String(t.table_name))).map((t) => [t.table_name, t.magnetic_store_write_properties])).toEqual(
      expect.arrayContaining([
        [analyticsTables.windows.tableName, { enable_magnetic_store_writes: false }],
        [analyticsTables.events.tableName, { enable_magnetic_store_writes: false }],
      ]),
    );
    for (const q of all(synthesized, 'aws_timestreamquery_scheduled_query')) {
      expect(q).toMatchObject({ kms_key_id: key, error_report_configuration: [{ s3_configuration: [{ encryption_option: 'SSE_KMS' }] }] });
    }
  });

  it('the local stack holds the Timestream side only (database, tables, seed, scheduled queries), with the provider pointed at the local server', () => {
    const stack = synthStack('iot-timeseries-local', { LOCAL_TIMESTREAM_ENDPOINT: 'http://127.0.0.1:18123' });
    expect(Object.keys(stack.resource).sort()).toEqual(['aws_timestreamquery_scheduled_query', 'aws_timestreamwrite_database', 'aws_timestreamwrite_table', 'terraform_data']);
    expect(stack.provider.aws[0]).toMatchObject({
      endpoints: [{ timestreamwrite: 'http://127.0.0.1:18123', timestreamquery: 'http://127.0.0.1:18123' }],
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
    });
    expect(Object.keys(stack.terraform.backend)).toEqual(['local']);
  });
});
