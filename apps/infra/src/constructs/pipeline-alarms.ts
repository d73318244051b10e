import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { AlarmDefinition, AlarmScope } from '@iot-timeseries/schema';
import { Construct } from 'constructs';

export interface PipelineAlarmsProps {
  namePrefix: string;
  definitions: readonly AlarmDefinition[];
  /** Metric dimensions per alarm scope (the names of the deployed resources). */
  dimensions: Record<AlarmScope, Record<string, string>>;
  notificationEmail?: string;
  tags?: Record<string, string>;
}

/** One CloudWatch alarm per shared alarm definition, all notifying one SNS topic. */
export class PipelineAlarms extends Construct {
  readonly topic: SnsTopic;
  readonly alarms: CloudwatchMetricAlarm[];
  private readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    this.namePrefix = props.namePrefix;
    this.topic = new SnsTopic(this, 'topic', { name: `${props.namePrefix}-alarms`, kmsMasterKeyId: 'alias/aws/sns', tags: props.tags });
    if (props.notificationEmail) {
      new SnsTopicSubscription(this, 'email', { topicArn: this.topic.arn, protocol: 'email', endpoint: props.notificationEmail });
    }
    this.alarms = [];
    this.add(props.definitions, props.dimensions, props.tags);
  }

  /** More alarms on the same topic (another function's metrics: its own dimensions per scope). */
  add(definitions: readonly AlarmDefinition[], dimensions: Record<AlarmScope, Record<string, string>>, tags?: Record<string, string>): CloudwatchMetricAlarm[] {
    const added = definitions.map(
      (d) =>
        new CloudwatchMetricAlarm(this, d.id, {
          alarmName: `${this.namePrefix}-${d.id}`,
          alarmDescription: d.description,
          namespace: d.namespace,
          metricName: d.metricName,
          dimensions: dimensions[d.scope],
          statistic: d.statistic,
          period: d.periodSeconds,
          evaluationPeriods: d.evaluationPeriods,
          threshold: d.threshold,
          comparisonOperator: d.comparison,
          treatMissingData: d.treatMissingData,
          unit: d.unit,
          alarmActions: [this.topic.arn],
          okActions: [this.topic.arn],
          tags,
        }),
    );
    this.alarms.push(...added);
    return added;
  }
}
