import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { policyDocument, serviceTrustPolicy, type PolicyStatement } from '../policy-document';
import { DISCOVER_ENDPOINTS } from './pipeline-function';

export interface ScheduledQueryRoleProps {
  roleName: string;
  region: string;
  accountId: string;
  /** The readings' table the queries read. */
  sourceTableArn: string;
  /** The rollup tables they write. */
  targetTableArns: string[];
  /** The rollup tables a derived rollup reads (the 7-day baseline pools the hourly rollup's bins). */
  sourceRollupTableArns: string[];
  /** The topic their notifications go to. */
  topicArn: string;
  /** The error-report bucket and the key prefix of the reports. */
  errorReports: { bucketArn: string; keyPrefix: string };
  kmsKeyArn?: string;
  tags?: Record<string, string>;
}

/**
 * The role Timestream assumes to run the rollups' scheduled queries: only Timestream scheduled queries of this
 * account may assume it, and it may read the readings' table and the rollup tables other rollups pool, write the rollup tables, publish to its topic and
 * put error reports under its prefix, nothing else.
 */
export class ScheduledQueryRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ScheduledQueryRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      assumeRolePolicy: serviceTrustPolicy('timestream.amazonaws.com', props.accountId, `arn:aws:timestream:${props.region}:${props.accountId}:scheduled-query/*`),
      tags: props.tags,
    });
    const statements: PolicyStatement[] = [
      { Sid: 'ReadReadings', Effect: 'Allow', Action: ['timestream:Select'], Resource: props.sourceTableArn },
      ...(props.sourceRollupTableArns.length > 0 ? [{ Sid: 'ReadSourceRollups', Effect: 'Allow' as const, Action: ['timestream:Select'], Resource: props.sourceRollupTableArns }] : []),
      { Sid: 'WriteRollups', Effect: 'Allow', Action: ['timestream:WriteRecords'], Resource: props.targetTableArns },
      DISCOVER_ENDPOINTS,
      { Sid: 'PublishRunNotifications', Effect: 'Allow', Action: ['sns:Publish'], Resource: props.topicArn },
      { Sid: 'WriteErrorReports', Effect: 'Allow', Action: ['s3:PutObject'], Resource: `${props.errorReports.bucketArn}/${props.errorReports.keyPrefix}*` },
    ];
    if (props.kmsKeyArn) statements.push({ Sid: 'UseDataKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: props.kmsKeyArn });
    this.policy = new IamRolePolicy(this, 'policy', { role: this.role.id, name: id, policy: policyDocument(statements) });
  }
}
