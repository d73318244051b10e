import { analyticsTables, disasterRecoverySettings, rollupList, timestreamSettings } from '@iot-timeseries/schema';
import { all, idWhere, readingsTable, refWhere, statements, synthStack, where, type SynthesizedStack } from './support';

const SECOND = disasterRecoverySettings.defaultRegion;
const { backup, exports } = disasterRecoverySettings;

const roleArn = (stack: SynthesizedStack, name: string) => refWhere(stack, 'aws_iam_role', 'name', name, 'arn');
const policyOf = (stack: SynthesizedStack, roleName: string) => {
  const roleId = idWhere(stack, 'aws_iam_role', 'name', roleName);
  const policies = all(stack, 'aws_iam_role_policy').filter((p) => p.role === `\${aws_iam_role.${roleId}.id}`);
  expect(policies).toHaveLength(1);
  return statements(policies[0].policy);
};
const trustOf = (stack: SynthesizedStack, roleName: string) => statements(where(stack, 'aws_iam_role', 'name', roleName).assume_role_policy);

describe('disaster recovery of a primary stack (dev)', () => {
  let dev: SynthesizedStack;
  const vault = (attr: string) => refWhere(dev, 'aws_backup_vault', 'name', 'iot-timeseries-dev-backups', attr);
  const copyVault = (attr: string) => refWhere(dev, 'aws_backup_vault', 'name', 'iot-timeseries-dev-backups-dr', attr);
  const keyOf = (vaultName: string) => String(where(dev, 'aws_backup_vault', 'name', vaultName).kms_key_arn);
  const exportBucket = (attr: string) => refWhere(dev, 'aws_s3_bucket', 'bucket_prefix', 'iot-timeseries-dev-exports-', attr);
  const replicaBucket = (attr: string) => refWhere(dev, 'aws_s3_bucket', 'bucket_prefix', 'iot-timeseries-dev-exports-dr-', attr);
  const tableArns = () => [
    readingsTable(dev, 'arn'),
    ...rollupList().map((r) => readingsTable(dev, 'arn', r.table.tableName)),
    readingsTable(dev, 'arn', analyticsTables.windows.tableName),
    readingsTable(dev, 'arn', analyticsTables.events.tableName),
  ];
  beforeAll(() => {
    dev = synthStack('iot-timeseries-dev');
  });

  it('has a second AWS provider for the second region beside the stack region', () => {
    expect(dev.provider.aws.map((p) => [p.alias, p.region])).toEqual([
      [undefined, 'eu-west-1'],
      ['dr', SECOND],
    ]);
  });

  it('backs up into a vault of the stack region and copies into a vault of the second region, each with its own rotated KMS key there', () => {
    expect(where(dev, 'aws_backup_vault', 'name', 'iot-timeseries-dev-backups').provider).toBeUndefined();
    expect(where(dev, 'aws_backup_vault', 'name', 'iot-timeseries-dev-backups-dr').provider).toBe('aws.dr');
    const keys = all(dev, 'aws_kms_key');
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const primaryKey = idWhere(dev, 'aws_kms_key', 'provider', undefined);
    const secondKey = idWhere(dev, 'aws_kms_key', 'provider', 'aws.dr');
    expect(keyOf('iot-timeseries-dev-backups')).toBe(`\${aws_kms_key.${primaryKey}.arn}`);
    expect(keyOf('iot-timeseries-dev-backups-dr')).toBe(`\${aws_kms_key.${secondKey}.arn}`);
  });

  it('backs the tables up on the schedule and retention of libs/schema and copies each recovery point to the second region\'s vault', () => {
    const plan = where(dev, 'aws_backup_plan', 'name', 'iot-timeseries-dev-timestream');
    expect(plan.provider).toBeUndefined();
    expect(plan.rule).toEqual([
      {
        rule_name: 'scheduled-with-copy',
        target_vault_name: vault('name'),
        schedule: backup.scheduleExpression,
        start_window: backup.startWindowMinutes,
        completion_window: backup.completionWindowMinutes,
        lifecycle: { delete_after: backup.retentionDays },
        copy_action: [{ destination_vault_arn: copyVault('arn'), lifecycle: { delete_after: backup.copyRetentionDays } }],
      },
    ]);
  });

  it('selects the readings\' table, every rollup table and the window function\'s two tables by ARN, with the backup role, after the role\'s policy', () => {
    const selection = where(dev, 'aws_backup_selection', 'name', 'iot-timeseries-dev-timestream-selection');
    expect(selection.plan_id).toBe(refWhere(dev, 'aws_backup_plan', 'name', 'iot-timeseries-dev-timestream', 'id'));
    expect(selection.iam_role_arn).toBe(roleArn(dev, 'iot-timeseries-dev-backup'));
    expect(selection.resources).toEqual(tableArns());
    expect(selection.resources).toHaveLength(1 + rollupList().length + 2);
    const policyId = idWhere(dev, 'aws_iam_role_policy', 'name', 'backup-tables');
    expect(selection.depends_on).toEqual([`aws_iam_role_policy.${policyId}`]);
  });

  it('lets only AWS Backup assume the backup and restore roles', () => {
    for (const name of ['iot-timeseries-dev-backup', 'iot-timeseries-dev-restore']) {
      expect(trustOf(dev, name)).toEqual([{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: ['sts:AssumeRole'] }]);
    }
  });

  it('allows the backup role only to back up those tables, copy their recovery points into the second vault and use the two vault keys', () => {
    const keys = [keyOf('iot-timeseries-dev-backups'), keyOf('iot-timeseries-dev-backups-dr')];
    expect(policyOf(dev, 'iot-timeseries-dev-backup')).toEqual([
      { Sid: 'BackUpTables', Effect: 'Allow', Action: ['timestream:StartAwsBackupJob', 'timestream:GetAwsBackupStatus', 'timestream:DescribeTable', 'timestream:ListTagsForResource'], Resource: tableArns() },
      { Sid: 'DescribeDatabase', Effect: 'Allow', Action: ['timestream:DescribeDatabase', 'timestream:ListTables'], Resource: `arn:aws:timestream:eu-west-1:123456789012:database/${timestreamSettings.databaseName}` },
      { Sid: 'DiscoverEndpoints', Effect: 'Allow', Action: ['timestream:DescribeEndpoints'], Resource: '*' },
      { Sid: 'DescribeVaults', Effect: 'Allow', Action: ['backup:DescribeBackupVault'], Resource: [vault('arn'), copyVault('arn')] },
      { Sid: 'CopyFromSourceVault', Effect: 'Allow', Action: ['backup:CopyFromBackupVault'], Resource: 'arn:aws:backup:eu-west-1:123456789012:recovery-point:*' },
      { Sid: 'CopyIntoSecondRegionVault', Effect: 'Allow', Action: ['backup:CopyIntoBackupVault'], Resource: copyVault('arn') },
      { Sid: 'UseVaultKeys', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'], Resource: keys },
      { Sid: 'GrantVaultKeysToAwsServices', Effect: 'Allow', Action: ['kms:CreateGrant'], Resource: keys, Condition: { Bool: { 'kms:GrantIsForAWSResource': true } } },
    ]);
  });

  it('allows the restore role only to restore into new tables of the database, in the stack region or the second one', () => {
    const database = (region: string) => `arn:aws:timestream:${region}:123456789012:database/${timestreamSettings.databaseName}`;
    const [restore, endpoints, keys, grant] = policyOf(dev, 'iot-timeseries-dev-restore');
    expect(restore).toEqual({
      Sid: 'RestoreIntoNewTables',
      Effect: 'Allow',
      Action: ['timestream:StartAwsRestoreJob', 'timestream:GetAwsRestoreStatus', 'timestream:DescribeDatabase', 'timestream:ListTables', 'timestream:DescribeTable', 'timestream:ListTagsForResource'],
      Resource: [database('eu-west-1'), `${database('eu-west-1')}/table/*`, database(SECOND), `${database(SECOND)}/table/*`],
    });
    expect(endpoints).toEqual({ Sid: 'DiscoverEndpoints', Effect: 'Allow', Action: ['timestream:DescribeEndpoints'], Resource: '*' });
    expect(keys).toMatchObject({ Sid: 'UseVaultKeys', Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'], Resource: [keyOf('iot-timeseries-dev-backups'), keyOf('iot-timeseries-dev-backups-dr')] });
    expect(grant).toMatchObject({ Sid: 'GrantVaultKeysToAwsServices', Action: ['kms:CreateGrant'], Condition: { Bool: { 'kms:GrantIsForAWSResource': true } } });
    expect(policyOf(dev, 'iot-timeseries-dev-restore')).toHaveLength(4);
  });

  it('keeps the UNLOAD exports in a hardened, versioned bucket and its hardened, versioned replica in the second region', () => {
    for (const [bucket, provider] of [
      [exportBucket, undefined],
      [replicaBucket, 'aws.dr'],
    ] as const) {
      const id = bucket('id');
      const onBucket = (type: string) => {
        const found = all(dev, type).filter((r) => r.bucket === id);
        expect(found).toHaveLength(1);
        expect(found[0].provider).toBe(provider);
        return found[0];
      };
      expect(onBucket('aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
      expect(onBucket('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(onBucket('aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: false }]);
      expect(statements(onBucket('aws_s3_bucket_policy').policy)).toEqual([
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: { AWS: '*' }, Action: ['s3:*'], Resource: [bucket('arn'), `${bucket('arn')}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]);
      expect(onBucket('aws_s3_bucket_lifecycle_configuration').rule).toEqual([
        expect.objectContaining({ expiration: [{ days: exports.expireAfterDays }], noncurrent_version_expiration: [{ noncurrent_days: exports.noncurrentVersionDays }] }),
      ]);
    }
  });

  it('replicates every new export to the replica, not deletions, with a role that may do only that', () => {
    const replication = where(dev, 'aws_s3_bucket_replication_configuration', 'bucket', exportBucket('id'));
    expect(replication.provider).toBeUndefined();
    expect(replication.role).toBe(roleArn(dev, 'iot-timeseries-dev-export-replication'));
    expect(replication.rule).toEqual([
      { id: 'to-second-region', status: 'Enabled', priority: 1, filter: { prefix: '' }, delete_marker_replication: { status: 'Disabled' }, destination: { bucket: replicaBucket('arn'), storage_class: 'STANDARD' } },
    ]);
    const versioning = all(dev, 'aws_s3_bucket_versioning').map((v) => `aws_s3_bucket_versioning.${idWhere(dev, 'aws_s3_bucket_versioning', 'bucket', v.bucket)}`);
    expect(replication.depends_on).toEqual(expect.arrayContaining(versioning));
    expect(trustOf(dev, 'iot-timeseries-dev-export-replication')).toEqual([{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: ['sts:AssumeRole'] }]);
    expect(policyOf(dev, 'iot-timeseries-dev-export-replication')).toEqual([
      { Sid: 'ReadReplicationConfiguration', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: exportBucket('arn') },
      { Sid: 'ReadSourceVersions', Effect: 'Allow', Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], Resource: `${exportBucket('arn')}/*` },
      { Sid: 'WriteReplicas', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateTags'], Resource: `${replicaBucket('arn')}/*` },
    ]);
  });

  it('outputs the vaults, the restore role and the export buckets', () => {
    expect(dev.output).toMatchObject({
      backup_vault_arn: { value: vault('arn') },
      backup_copy_vault_arn: { value: copyVault('arn') },
      backup_restore_role_arn: { value: roleArn(dev, 'iot-timeseries-dev-restore') },
      export_bucket: { value: exportBucket('bucket') },
      export_replica_bucket: { value: replicaBucket('bucket') },
    });
  });

  it('copies to the region INFRA_DR_REGION names', () => {
    const custom = synthStack('iot-timeseries-prod', { INFRA_DR_REGION: 'us-east-1', AWS_REGION: 'us-west-2' });
    expect(custom.provider.aws.map((p) => [p.alias, p.region])).toEqual([
      [undefined, 'us-west-2'],
      ['dr', 'us-east-1'],
    ]);
    const restore = statements(where(custom, 'aws_iam_role_policy', 'name', 'restore-tables').policy)[0];
    expect(restore.Resource).toEqual(expect.arrayContaining([`arn:aws:timestream:us-east-1:123456789012:database/${timestreamSettings.databaseName}`]));
  });
});

describe('the dr stack: the stand-by pipeline in the second region', () => {
  let dr: SynthesizedStack;
  beforeAll(() => {
    dr = synthStack('iot-timeseries-dr');
  });

  it('deploys the whole pipeline in the second region under its own names', () => {
    expect(dr.provider.aws.map((p) => [p.alias, p.region])).toEqual([[undefined, SECOND]]);
    expect(where(dr, 'aws_timestreamwrite_table', 'table_name', timestreamSettings.tableName)).toBeDefined();
    expect(where(dr, 'aws_kinesis_stream', 'name', 'iot-timeseries-dr-readings')).toBeDefined();
    expect(where(dr, 'aws_lambda_function', 'function_name', 'iot-timeseries-dr-ingest')).toBeDefined();
    expect(where(dr, 'aws_iot_topic_rule', 'name', 'iot_timeseries_sensor_ingest_dr')).toBeDefined();
    expect(all(dr, 'aws_cloudwatch_metric_alarm').length).toBeGreaterThanOrEqual(7);
    expect(statements(where(dr, 'aws_iot_policy', 'name', 'iot-timeseries-dr-device').policy)[0].Resource).toBe(`arn:aws:iot:${SECOND}:123456789012:client/$\${iot:Connection.Thing.ThingName}`);
  });

  it('has prod\'s retention and thresholds, and no backup plan or replication of its own', () => {
    expect(where(dr, 'aws_timestreamwrite_table', 'table_name', timestreamSettings.tableName)).toMatchObject({ retention_properties: { magnetic_store_retention_period_in_days: 3 * 365 } });
    expect(where(dr, 'aws_cloudwatch_metric_alarm', 'alarm_name', 'iot-timeseries-dr-write-latency').threshold).toBe(500);
    for (const type of ['aws_backup_plan', 'aws_backup_vault', 'aws_s3_bucket_replication_configuration']) expect(dr.resource[type]).toBeUndefined();
  });

  it('follows INFRA_DR_REGION, not AWS_REGION', () => {
    const moved = synthStack('iot-timeseries-dr', { INFRA_DR_REGION: 'eu-north-1', AWS_REGION: 'eu-west-1' });
    expect(moved.provider.aws.map((p) => p.region)).toEqual(['eu-north-1']);
  });
});
