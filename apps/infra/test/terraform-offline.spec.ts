import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALARM_DEFINITIONS, ANALYTICS_ALARM_DEFINITIONS } from '@iot-timeseries/schema';
import { buildApp } from '../src/app';
import { offlineCheck } from '../scripts/offline-check';
import { terraformTooling, WORKSPACE_ROOT } from '../scripts/terraform';
import { testConfig } from './support';

jest.setTimeout(180_000);

const EXPECTED_TYPES = {
  aws_cloudwatch_dashboard: 1,
  aws_cloudwatch_event_rule: 1,
  aws_cloudwatch_event_target: 1,
  aws_cloudwatch_log_group: 4,
  aws_cloudwatch_metric_alarm: ALARM_DEFINITIONS.length + ANALYTICS_ALARM_DEFINITIONS.length,
  aws_iam_role: 6,
  aws_iam_role_policy: 6,
  aws_iot_policy: 1,
  aws_iot_topic_rule: 1,
  aws_kinesis_stream: 1,
  aws_lambda_event_source_mapping: 2,
  aws_lambda_function: 4,
  aws_lambda_invocation: 2,
  aws_lambda_permission: 1,
  aws_s3_bucket: 2,
  aws_s3_bucket_lifecycle_configuration: 2,
  aws_s3_bucket_ownership_controls: 2,
  aws_s3_bucket_policy: 2,
  aws_s3_bucket_public_access_block: 2,
  aws_s3_bucket_server_side_encryption_configuration: 2,
  aws_sns_topic: 3,
  aws_sqs_queue: 2,
  aws_timestreamquery_scheduled_query: 4,
  aws_timestreamwrite_database: 1,
  aws_timestreamwrite_table: 7,
};

/** What a primary (dev, prod) adds for disaster recovery: the backup plan and vaults in two regions, the replicated export buckets. */
const PRIMARY_TYPES: Record<string, number> = {
  ...EXPECTED_TYPES,
  aws_backup_plan: 1,
  aws_backup_selection: 1,
  aws_backup_vault: 2,
  aws_iam_role: EXPECTED_TYPES.aws_iam_role + 3,
  aws_iam_role_policy: EXPECTED_TYPES.aws_iam_role_policy + 3,
  aws_kms_alias: 2,
  aws_kms_key: 2,
  aws_s3_bucket: EXPECTED_TYPES.aws_s3_bucket + 2,
  aws_s3_bucket_lifecycle_configuration: EXPECTED_TYPES.aws_s3_bucket_lifecycle_configuration + 2,
  aws_s3_bucket_ownership_controls: EXPECTED_TYPES.aws_s3_bucket_ownership_controls + 2,
  aws_s3_bucket_policy: EXPECTED_TYPES.aws_s3_bucket_policy + 2,
  aws_s3_bucket_public_access_block: EXPECTED_TYPES.aws_s3_bucket_public_access_block + 2,
  aws_s3_bucket_replication_configuration: 1,
  aws_s3_bucket_server_side_encryption_configuration: EXPECTED_TYPES.aws_s3_bucket_server_side_encryption_configuration + 2,
  aws_s3_bucket_versioning: 2,
};

describe('the AWS stacks under real Terraform, offline', () => {
  const tooling = terraformTooling(mkdtempSync(path.join(tmpdir(), 'infra-tf-')));

  it('validate and plan pass for dev, prod and the dr stand-by, planning exactly the expected resources in both regions (or infra:validate says what it skipped)', () => {
    if (!tooling.version || !tooling.mirror) {
      // Without terraform or the provider mirror the check cannot run; the validate target must say so.
      const run = spawnSync(path.join(WORKSPACE_ROOT, 'node_modules/.bin/tsx'), ['scripts/validate.ts'], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: testConfig().outdir, INGEST_LAMBDA_ZIP: testConfig().artifactPath } });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/SKIPPED terraform validate and plan: (terraform is not on the PATH|no offline mirror)/);
      return;
    }
    const config = testConfig();
    buildApp(config).synth();
    const work = mkdtempSync(path.join(tmpdir(), 'infra-plan-'));
    for (const [stack, expected] of [
      ['iot-timeseries-dev', PRIMARY_TYPES],
      ['iot-timeseries-prod', PRIMARY_TYPES],
      ['iot-timeseries-dr', EXPECTED_TYPES],
    ] as const) {
      const result = offlineCheck(path.join(config.outdir, 'stacks', stack), work, tooling.env);
      expect(result.otherActions).toEqual([]);
      expect(result.resources).toEqual(expected);
      expect(result.total).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    }
  });

  it('validate and plan pass with the Managed Grafana workspace on, planning it and its role besides', () => {
    if (!tooling.version || !tooling.mirror) return; // the test above checks that infra:validate says it skipped
    const config = testConfig({ INFRA_GRAFANA_WORKSPACE: 'true' });
    buildApp(config).synth();
    const result = offlineCheck(path.join(config.outdir, 'stacks', 'iot-timeseries-dev'), mkdtempSync(path.join(tmpdir(), 'infra-plan-grafana-')), tooling.env);
    const expected = { ...PRIMARY_TYPES, aws_grafana_workspace: 1, aws_iam_role: PRIMARY_TYPES.aws_iam_role + 1, aws_iam_role_policy: PRIMARY_TYPES.aws_iam_role_policy + 1 };
    expect(result.otherActions).toEqual([]);
    expect(result.resources).toEqual(expected);
  });

  it('infra:validate reports a missing provider mirror as skipped, not as a failure', () => {
    const config = testConfig();
    const run = spawnSync(path.join(WORKSPACE_ROOT, 'node_modules/.bin/tsx'), ['scripts/validate.ts'], {
      cwd: path.resolve(__dirname, '..'),
      encoding: 'utf8',
      env: { ...process.env, TF_PROVIDER_MIRROR: '/nonexistent/mirror', CDKTF_OUTDIR: config.outdir, INGEST_LAMBDA_ZIP: config.artifactPath },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/synthesized iot-timeseries-dev, iot-timeseries-prod, iot-timeseries-dr, iot-timeseries-local/);
    expect(run.stdout).toMatch(/SKIPPED terraform validate and plan: (no offline mirror of hashicorp\/aws 5.100.0|terraform is not on the PATH)/);
  });
});
