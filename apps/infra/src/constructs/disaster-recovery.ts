import type { BackupSettings, ExportSettings } from '@iot-timeseries/schema';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { BackupRoles } from './backup-roles';
import { EncryptedBackupVault } from './backup-vault';
import { ReplicatedBucket } from './replicated-bucket';
import { TableBackupPlan } from './table-backup-plan';

export interface DisasterRecoveryProps {
  namePrefix: string;
  accountId: string;
  /** The tables' region and the second region; `secondRegionProvider` creates what lives there. */
  region: string;
  secondRegion: string;
  secondRegionProvider: TerraformProvider;
  databaseName: string;
  /** The tables AWS Backup backs up (the readings and the rollups). */
  tableArns: string[];
  tableKmsKeyArn?: string;
  backup: BackupSettings;
  exports: ExportSettings;
  tags?: Record<string, string>;
}

/**
 * What a primary region needs to survive its loss: an AWS Backup plan for the tables into a
 * KMS-encrypted vault, with a copy of every recovery point to a vault in the second region, the
 * roles AWS Backup backs up and restores with, and the UNLOAD export bucket replicated to the
 * second region.
 */
export class DisasterRecovery extends Construct {
  readonly vault: EncryptedBackupVault;
  readonly copyVault: EncryptedBackupVault;
  readonly roles: BackupRoles;
  readonly plan: TableBackupPlan;
  readonly exports: ReplicatedBucket;

  constructor(scope: Construct, id: string, props: DisasterRecoveryProps) {
    super(scope, id);
    const prefix = props.namePrefix;
    this.vault = new EncryptedBackupVault(this, 'vault', { vaultName: `${prefix}-backups`, tags: props.tags });
    this.copyVault = new EncryptedBackupVault(this, 'copy-vault', { vaultName: `${prefix}-backups-dr`, provider: props.secondRegionProvider, tags: props.tags });
    this.roles = new BackupRoles(this, 'roles', {
      namePrefix: prefix,
      accountId: props.accountId,
      region: props.region,
      copyRegion: props.secondRegion,
      databaseName: props.databaseName,
      tableArns: props.tableArns,
      vaults: {
        source: { arn: this.vault.vault.arn, keyArn: this.vault.key.arn },
        copy: { arn: this.copyVault.vault.arn, keyArn: this.copyVault.key.arn },
      },
      tableKmsKeyArn: props.tableKmsKeyArn,
      tags: props.tags,
    });
    this.plan = new TableBackupPlan(this, 'plan', {
      planName: `${prefix}-timestream`,
      vaultName: this.vault.vault.name,
      copyVaultArn: this.copyVault.vault.arn,
      resourceArns: props.tableArns,
      roleArn: this.roles.backupRole.arn,
      settings: props.backup,
      dependsOn: [this.roles.backupPolicy],
      tags: props.tags,
    });
    this.exports = new ReplicatedBucket(this, 'exports', {
      bucketPrefix: `${prefix}-exports-`,
      roleName: `${prefix}-export-replication`,
      expireAfterDays: props.exports.expireAfterDays,
      noncurrentVersionDays: props.exports.noncurrentVersionDays,
      replicaProvider: props.secondRegionProvider,
      tags: props.tags,
    });
  }
}
