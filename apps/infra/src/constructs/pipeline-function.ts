import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument, type PolicyStatement } from '../policy-document';

export interface PipelineFunctionProps {
  functionName: string;
  /** Exported handler of the bundle, e.g. `index.handler`. */
  handler: string;
  /** The built zip (dist/apps/ingest-lambda/ingest-lambda.zip) and its base64 SHA-256. */
  artifact: { path: string; sha256Base64: string };
  environment: Record<string, string>;
  logRetentionDays: number;
  /** What the function may do, each statement on named resources (its own log group is added). */
  statements: PolicyStatement[];
  memorySizeMb?: number;
  timeoutSeconds?: number;
  tags?: Record<string, string>;
}

/** A Lambda function of the pipeline (nodejs22.x, arm64), its log group and a least-privilege role. */
export class PipelineFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'logs', { name: `/aws/lambda/${props.functionName}`, retentionInDays: props.logRetentionDays, tags: props.tags });
    this.role = new IamRole(this, 'role', { name: `${props.functionName}-role`, assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'), tags: props.tags });
    this.policy = new IamRolePolicy(this, 'policy', {
      role: this.role.id,
      name: id,
      policy: policyDocument([
        ...props.statements,
        { Sid: 'OwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${this.logGroup.arn}:*` },
      ]),
    });
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      role: this.role.arn,
      runtime: 'nodejs22.x',
      handler: props.handler,
      filename: props.artifact.path,
      sourceCodeHash: props.artifact.sha256Base64,
      memorySize: props.memorySizeMb ?? 256,
      timeout: props.timeoutSeconds ?? 60,
      architectures: ['arm64'],
      environment: { variables: { NODE_OPTIONS: '--enable-source-maps', ...props.environment } },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      tags: props.tags,
      dependsOn: [this.logGroup],
    });
  }
}

/** Endpoint discovery cannot be scoped to a resource: DescribeEndpoints needs "*", alone. */
export const DISCOVER_ENDPOINTS: PolicyStatement = { Sid: 'DiscoverEndpoints', Effect: 'Allow', Action: ['timestream:DescribeEndpoints'], Resource: '*' };
