import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';

export interface ScheduleProps {
  ruleName: string;
  /** EventBridge schedule expression, e.g. `rate(1 minute)`. */
  scheduleExpression: string;
  functionName: string;
  functionArn: string;
  description: string;
  tags?: Record<string, string>;
}

/** Invokes a function on a schedule; only this rule may invoke it this way. */
export class Schedule extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: ScheduleProps) {
    super(scope, id);
    this.rule = new CloudwatchEventRule(this, 'rule', { name: props.ruleName, description: props.description, scheduleExpression: props.scheduleExpression, tags: props.tags });
    new CloudwatchEventTarget(this, 'target', { rule: this.rule.name, arn: props.functionArn, retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 } });
    new LambdaPermission(this, 'invoke', { statementId: 'AllowSchedule', action: 'lambda:InvokeFunction', functionName: props.functionName, principal: 'events.amazonaws.com', sourceArn: this.rule.arn });
  }
}
