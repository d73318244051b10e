/**
 * Disaster recovery of the Timestream tables: AWS Backup's schedule and retention, the copy to the
 * second region, and the layout of the UNLOAD exports that are replicated there. Infra deploys
 * them; the runbook (apps/infra's README) and the restore tools read the same names.
 */
export interface BackupSettings {
  /** When AWS Backup backs the tables up (an AWS Backup cron expression, UTC). */
  readonly scheduleExpression: string;
  /** Minutes a scheduled backup may wait to start before it is skipped. */
  readonly startWindowMinutes: number;
  /** Minutes a started backup may run before AWS Backup cancels it. */
  readonly completionWindowMinutes: number;
  /** Days a recovery point is kept in the primary region's vault. */
  readonly retentionDays: number;
  /** Days its copy is kept in the second region's vault. */
  readonly copyRetentionDays: number;
}

export interface ExportSettings {
  /** Key prefix of UNLOAD exports in the export bucket (one folder per table and run below it). */
  readonly keyPrefix: string;
  /** Days an export is kept (current version), in both regions. */
  readonly expireAfterDays: number;
  /** Days an overwritten or deleted export's old version is kept. */
  readonly noncurrentVersionDays: number;
}

export interface DisasterRecoverySettings {
  /** The second region when none is configured (INFRA_DR_REGION in infra). */
  readonly defaultRegion: string;
  readonly backup: BackupSettings;
  readonly exports: ExportSettings;
}

export const disasterRecoverySettings: DisasterRecoverySettings = {
  defaultRegion: 'eu-central-1',
  // Every 6 hours: Timestream backups are incremental after the first, so the recovery point objective of the backup path is 6 h plus the copy.
  backup: { scheduleExpression: 'cron(0 0/6 * * ? *)', startWindowMinutes: 60, completionWindowMinutes: 6 * 60, retentionDays: 35, copyRetentionDays: 35 },
  exports: { keyPrefix: 'unload/', expireAfterDays: 400, noncurrentVersionDays: 30 },
};

/** An AWS region code such as eu-west-1 or us-gov-west-1. */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;
