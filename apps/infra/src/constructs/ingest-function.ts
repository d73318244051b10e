import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument, type PolicyStatement } from '../policy-document';

export interface IngestFunctionProps {
  functionName: string;
  /** The built zip (dist/apps/ingest-lambda/ingest-lambda.zip) and its base64 SHA-256. */
  artifact: { path: string; sha256Base64: string };
  tableArn: string;
  environment: Record<string, string>;
  logRetentionDays: number;
  memorySizeMb?: number;
  timeoutSeconds?: number;
  /** Extra statements (stream read, dead-letter send), each on named resources. */
  extraStatements?: PolicyStatement[];
  tags?: Record<string, string>;
}

/** The ingestion Lambda (nodejs22.x), its log group and a least-privilege role. */
export class IngestFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'logs', { name: `/aws/lambda/${props.functionName}`, retentionInDays: props.logRetentionDays, tags: props.tags });
    this.role = new IamRole(this, 'role', { name: `${props.functionName}-role`, assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'), tags: props.tags });
    new IamRolePolicy(this, 'policy', {
      role: this.role.id,
      name: 'ingest',
      policy: policyDocument([
        { Sid: 'WriteReadings', Effect: 'Allow', Action: ['timestream:WriteRecords'], Resource: props.tableArn },
        // Endpoint discovery cannot be scoped to a resource: DescribeEndpoints needs "*".
        { Sid: 'DiscoverEndpoints', Effect: 'Allow', Action: ['timestream:DescribeEndpoints'], Resource: '*' },
        { Sid: 'OwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${this.logGroup.arn}:*` },
        ...(props.extraStatements ?? []),
      ]),
    });
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      role: this.role.arn,
      runtime: 'nodejs22.x',
      handler: 'index.handler',
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
