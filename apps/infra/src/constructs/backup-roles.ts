import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument, type PolicyStatement } from '../policy-document';
import { DISCOVER_ENDPOINTS } from './pipeline-function';

export interface BackupRolesProps {
  /** Names of the two roles: `<namePrefix>-backup` and `<namePrefix>-restore`. */
  namePrefix: string;
  accountId: string;
  /** The region of the tables and of the vault they are backed up to. */
  region: string;
  /** The region the recovery points are copied to (and restored in after a fail-over). */
  copyRegion: string;
  databaseName: string;
  /** The tables backed up. */
  tableArns: string[];
  /** The vault in `region` and the vault in `copyRegion`, with their keys. */
  vaults: { source: { arn: string; keyArn: string }; copy: { arn: string; keyArn: string } };
  /** The customer-managed key of the database, when it has one. */
  tableKmsKeyArn?: string;
  tags?: Record<string, string>;
}

/**
 * The roles AWS Backup assumes for the tables: one to back them up and copy the recovery points to
 * the second region, one to restore a recovery point into a new table of the database in either
 * region. Only backup.amazonaws.com may assume them; each statement names its resources (the
 * AWS-managed AWSBackupServiceRolePolicyFor* policies grant every service on every resource).
 */
export class BackupRoles extends Construct {
  readonly backupRole: IamRole;
  readonly restoreRole: IamRole;
  readonly backupPolicy: IamRolePolicy;
  readonly restorePolicy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: BackupRolesProps) {
    super(scope, id);
    const databaseArn = (region: string) => `arn:aws:timestream:${region}:${props.accountId}:database/${props.databaseName}`;
    const keys = [props.vaults.source.keyArn, props.vaults.copy.keyArn, ...(props.tableKmsKeyArn ? [props.tableKmsKeyArn] : [])];
    const useKeys: PolicyStatement[] = [
      { Sid: 'UseVaultKeys', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'], Resource: keys },
      { Sid: 'GrantVaultKeysToAwsServices', Effect: 'Allow', Action: ['kms:CreateGrant'], Resource: keys, Condition: { Bool: { 'kms:GrantIsForAWSResource': true } } },
    ];

    const backup: PolicyStatement[] = [
      { Sid: 'BackUpTables', Effect: 'Allow', Action: ['timestream:StartAwsBackupJob', 'timestream:GetAwsBackupStatus', 'timestream:DescribeTable', 'timestream:ListTagsForResource'], Resource: props.tableArns },
      { Sid: 'DescribeDatabase', Effect: 'Allow', Action: ['timestream:DescribeDatabase', 'timestream:ListTables'], Resource: databaseArn(props.region) },
      DISCOVER_ENDPOINTS,
      { Sid: 'DescribeVaults', Effect: 'Allow', Action: ['backup:DescribeBackupVault'], Resource: [props.vaults.source.arn, props.vaults.copy.arn] },
      { Sid: 'CopyFromSourceVault', Effect: 'Allow', Action: ['backup:CopyFromBackupVault'], Resource: `arn:aws:backup:${props.region}:${props.accountId}:recovery-point:*` },
      { Sid: 'CopyIntoSecondRegionVault', Effect: 'Allow', Action: ['backup:CopyIntoBackupVault'], Resource: props.vaults.copy.arn },
      ...useKeys,
    ];
    const restore: PolicyStatement[] = [
      {
        Sid: 'RestoreIntoNewTables',
        Effect: 'Allow',
        Action: ['timestream:StartAwsRestoreJob', 'timestream:GetAwsRestoreStatus', 'timestream:DescribeDatabase', 'timestream:ListTables', 'timestream:DescribeTable', 'timestream:ListTagsForResource'],
        Resource: [props.region, props.copyRegion].flatMap((r) => [databaseArn(r), `${databaseArn(r)}/table/*`]),
      },
      DISCOVER_ENDPOINTS,
      ...useKeys,
    ];

    this.backupRole = new IamRole(this, 'backup-role', { name: `${props.namePrefix}-backup`, assumeRolePolicy: assumeRolePolicy('backup.amazonaws.com'), tags: props.tags });
    this.backupPolicy = new IamRolePolicy(this, 'backup-policy', { role: this.backupRole.id, name: 'backup-tables', policy: policyDocument(backup) });
    this.restoreRole = new IamRole(this, 'restore-role', { name: `${props.namePrefix}-restore`, assumeRolePolicy: assumeRolePolicy('backup.amazonaws.com'), tags: props.tags });
    this.restorePolicy = new IamRolePolicy(this, 'restore-policy', { role: this.restoreRole.id, name: 'restore-tables', policy: policyDocument(restore) });
  }
}
