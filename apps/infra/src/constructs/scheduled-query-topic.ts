import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';

/** What an e-mail subscriber hears of: failed runs, and state changes (Timestream disables a query that cannot run). */
export const NOTIFIED_BY_EMAIL = ['AUTO_TRIGGER_FAILURE', 'MANUAL_TRIGGER_FAILURE', 'SCHEDULED_QUERY_UPDATED'] as const;

export interface ScheduledQueryTopicProps {
  topicName: string;
  notificationEmail?: string;
  tags?: Record<string, string>;
}

/**
 * The SNS topic the rollups' scheduled queries notify (every run, success or failure, and every change).
 * An e-mail subscription, when given, is filtered to failures and state changes by the `notificationType`
 * message attribute Timestream sets, so a query running every five minutes does not mail every run.
 */
export class ScheduledQueryTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: ScheduledQueryTopicProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: 'alias/aws/sns', tags: props.tags });
    if (props.notificationEmail) {
      new SnsTopicSubscription(this, 'email', {
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: props.notificationEmail,
        filterPolicyScope: 'MessageAttributes',
        filterPolicy: JSON.stringify({ notificationType: NOTIFIED_BY_EMAIL }),
      });
    }
  }
}
