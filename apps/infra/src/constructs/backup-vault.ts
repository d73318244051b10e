import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

export interface EncryptedBackupVaultProps {
  vaultName: string;
  /** The provider of the vault's region (the stack's default provider when absent). */
  provider?: TerraformProvider;
  tags?: Record<string, string>;
}

/**
 * An AWS Backup vault encrypted with its own customer-managed KMS key (yearly rotation, 30-day
 * deletion window), in one region. The key's policy is the account default: IAM policies decide who
 * may use it.
 */
export class EncryptedBackupVault extends Construct {
  readonly key: KmsKey;
  readonly vault: BackupVault;

  constructor(scope: Construct, id: string, props: EncryptedBackupVaultProps) {
    super(scope, id);
    const provider = props.provider;
    this.key = new KmsKey(this, 'key', {
      provider,
      description: `Encrypts the recovery points of the ${props.vaultName} backup vault`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: props.tags,
    });
    new KmsAlias(this, 'alias', { provider, name: `alias/${props.vaultName}`, targetKeyId: this.key.keyId });
    this.vault = new BackupVault(this, 'vault', { provider, name: props.vaultName, kmsKeyArn: this.key.arn, forceDestroy: false, tags: props.tags });
  }
}
