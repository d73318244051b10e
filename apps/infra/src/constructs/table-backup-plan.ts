import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import type { BackupSettings } from '@iot-timeseries/schema';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface TableBackupPlanProps {
  planName: string;
  /** The vault the plan backs up into (the tables' region). */
  vaultName: string;
  /** The vault in the second region every recovery point is copied to. */
  copyVaultArn: string;
  /** The resources selected by ARN (the tables). */
  resourceArns: string[];
  /** The role AWS Backup assumes for the plan's jobs. */
  roleArn: string;
  settings: BackupSettings;
  /** The role's policy: the selection is created after it, so the first job can use the role. */
  dependsOn?: ITerraformDependable[];
  tags?: Record<string, string>;
}

/** An AWS Backup plan on a schedule with retention, a copy of every recovery point to a vault in another region, and the selection of the tables. */
export class TableBackupPlan extends Construct {
  readonly plan: BackupPlan;
  readonly selection: BackupSelection;

  constructor(scope: Construct, id: string, props: TableBackupPlanProps) {
    super(scope, id);
    const s = props.settings;
    this.plan = new BackupPlan(this, 'plan', {
      name: props.planName,
      rule: [
        {
          ruleName: 'scheduled-with-copy',
          targetVaultName: props.vaultName,
          schedule: s.scheduleExpression,
          startWindow: s.startWindowMinutes,
          completionWindow: s.completionWindowMinutes,
          lifecycle: { deleteAfter: s.retentionDays },
          copyAction: [{ destinationVaultArn: props.copyVaultArn, lifecycle: { deleteAfter: s.copyRetentionDays } }],
        },
      ],
      tags: props.tags,
    });
    this.selection = new BackupSelection(this, 'selection', {
      name: `${props.planName}-selection`,
      planId: this.plan.id,
      iamRoleArn: props.roleArn,
      resources: props.resourceArns,
      dependsOn: props.dependsOn,
    });
  }
}
