import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IotTopicRule } from '@cdktf/provider-aws/lib/iot-topic-rule';
import { Construct } from 'constructs';
import { iotTemplate } from '../iot-template';
import { DISCOVER_ENDPOINTS } from './pipeline-function';
import { assumeRolePolicy, policyDocument, type PolicyStatement } from '../policy-document';

interface RuleBase {
  ruleName: string;
  topic: string;
  /** Where messages the rule fails to deliver go: the dead-letter queue. */
  errorQueue: { url: string; arn: string };
  tags?: Record<string, string>;
}

export interface KinesisRuleProps extends RuleBase {
  action: 'kinesis';
  sql: string;
  sqlVersion: string;
  stream: { name: string; arn: string };
  /** IoT substitution template, written as AWS expects it (`${device_id}`); escaped here for Terraform. */
  partitionKeyTemplate: string;
}

export interface TimestreamRuleProps extends RuleBase {
  action: 'timestream';
  sqlVersion: string;
  database: string;
  table: { name: string; arn: string };
  /** Selected as measures (the dimensions and the timestamp are not selected, so they are not written as measures). */
  measures: readonly string[];
  dimensions: readonly string[];
}

/**
 * The topic rule on the sensors topic. Kinesis (default): the message goes to the stream and the
 * Lambda validates and batches it. Timestream (option): the recipe's direct action done right —
 * record time from the message's `timestamp` (epoch ms), dimensions from the message, only
 * measures selected. Either way, failed deliveries go to the dead-letter queue.
 */
export class SensorTopicRule extends Construct {
  readonly rule: IotTopicRule;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: KinesisRuleProps | TimestreamRuleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', { name: `${props.ruleName}-role`, assumeRolePolicy: assumeRolePolicy('iot.amazonaws.com'), tags: props.tags });
    const deliver: PolicyStatement[] =
      props.action === 'kinesis'
        ? [{ Sid: 'PutToStream', Effect: 'Allow', Action: ['kinesis:PutRecord'], Resource: props.stream.arn }]
        : [
            { Sid: 'WriteReadings', Effect: 'Allow', Action: ['timestream:WriteRecords'], Resource: props.table.arn },
            DISCOVER_ENDPOINTS,
          ];
    new IamRolePolicy(this, 'policy', {
      role: this.role.id,
      name: 'deliver',
      policy: policyDocument([...deliver, { Sid: 'ErrorAction', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: props.errorQueue.arn }]),
    });
    const errorAction = { sqs: { queueUrl: props.errorQueue.url, roleArn: this.role.arn, useBase64: false } };
    this.rule =
      props.action === 'kinesis'
        ? new IotTopicRule(this, 'rule', {
            name: props.ruleName,
            description: `Sensor readings on ${props.topic} to Kinesis, for the ingestion Lambda`,
            enabled: true,
            sql: props.sql,
            sqlVersion: props.sqlVersion,
            kinesis: [{ streamName: props.stream.name, partitionKey: iotTemplate(props.partitionKeyTemplate), roleArn: this.role.arn }],
            errorAction,
            tags: props.tags,
          })
        : new IotTopicRule(this, 'rule', {
            name: props.ruleName,
            description: `Sensor readings on ${props.topic} straight to Timestream`,
            enabled: true,
            sql: `SELECT ${props.measures.join(', ')} FROM '${props.topic}' WHERE device_id = clientid()`,
            sqlVersion: props.sqlVersion,
            timestream: [
              {
                databaseName: props.database,
                tableName: props.table.name,
                roleArn: this.role.arn,
                dimension: props.dimensions.map((name) => ({ name, value: iotTemplate(`\${${name}}`) })),
                timestamp: { unit: 'MILLISECONDS', value: iotTemplate('${timestamp}') },
              },
            ],
            errorAction,
            tags: props.tags,
          });
  }
}
