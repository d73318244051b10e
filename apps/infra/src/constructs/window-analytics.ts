import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { TimestreamwriteTable } from '@cdktf/provider-aws/lib/timestreamwrite-table';
import { analyticsTables, buildWindowEnvironment, METRICS_NAMESPACE, TUMBLING_WINDOW_RANGE, windowConsumerSettings } from '@iot-timeseries/schema';
import { Construct } from 'constructs';
import type { LambdaArtifact } from '../artifact';
import { InfraConfigError } from '../errors';
import type { PolicyStatement } from '../policy-document';
import { DISCOVER_ENDPOINTS, PipelineFunction } from './pipeline-function';

export interface WindowAnalyticsProps {
  /** `iot-timeseries-<environment>`: the start of every name. */
  namePrefix: string;
  /** The Timestream database (the tables go beside the readings table) and the readings table's name. */
  databaseName: string;
  readingsTableName: string;
  /** The ingest stream: the window function is its second consumer, with its own event source mapping. */
  stream: { arn: string; readStatement: PolicyStatement };
  artifact: LambdaArtifact;
  /** TumblingWindowInSeconds (1-900). */
  windowSeconds: number;
  logRetentionDays: number;
  /** Subscribed to the alerts topic (device alerts, not pipeline alarms). */
  notificationEmail?: string;
  tags?: Record<string, string>;
}

/**
 * Predictive maintenance on AWS: the window function (the same bundle, `index.windowHandler`) fed
 * by a tumbling-window event source mapping on the ingest stream, the windows and events tables it
 * writes, the SNS topic it publishes device alerts to, and a dead-letter queue of its own for
 * batches it could not take. Its role may write only those two tables, read only the windows
 * table (the history of the previous windows), publish only to that topic.
 */
export class WindowAnalytics extends Construct {
  readonly function: PipelineFunction;
  readonly windowsTable: TimestreamwriteTable;
  readonly eventsTable: TimestreamwriteTable;
  readonly alertTopic: SnsTopic;
  readonly deadLetterQueue: SqsQueue;
  readonly mapping: LambdaEventSourceMapping;

  constructor(scope: Construct, id: string, props: WindowAnalyticsProps) {
    super(scope, id);
    const { min, max } = TUMBLING_WINDOW_RANGE;
    if (!Number.isInteger(props.windowSeconds) || props.windowSeconds < min || props.windowSeconds > max) {
      throw new InfraConfigError(`windowSeconds (TumblingWindowInSeconds) must be a whole number from ${min} to ${max}, got ${props.windowSeconds}`);
    }
    const table = (tid: string, tableName: string) =>
      new TimestreamwriteTable(this, tid, {
        databaseName: props.databaseName,
        tableName,
        retentionProperties: {
          memoryStoreRetentionPeriodInHours: analyticsTables.retention.memoryStoreRetentionHours,
          magneticStoreRetentionPeriodInDays: analyticsTables.retention.magneticStoreRetentionDays,
        },
        magneticStoreWriteProperties: { enableMagneticStoreWrites: false },
        tags: props.tags,
      });
    this.windowsTable = table('windows-table', analyticsTables.windows.tableName);
    this.eventsTable = table('events-table', analyticsTables.events.tableName);
    this.alertTopic = new SnsTopic(this, 'alerts', { name: `${props.namePrefix}-device-alerts`, kmsMasterKeyId: 'alias/aws/sns', tags: props.tags });
    if (props.notificationEmail) new SnsTopicSubscription(this, 'alerts-email', { topicArn: this.alertTopic.arn, protocol: 'email', endpoint: props.notificationEmail });
    this.deadLetterQueue = new SqsQueue(this, 'dlq', { name: `${props.namePrefix}-windows-dlq`, messageRetentionSeconds: 14 * 24 * 3600, sqsManagedSseEnabled: true, tags: props.tags });

    const functionName = `${props.namePrefix}-windows`;
    this.function = new PipelineFunction(this, 'windows', {
      functionName,
      handler: 'index.windowHandler',
      artifact: props.artifact,
      logRetentionDays: props.logRetentionDays,
      // The final invocation of a window reads the history, forecasts every device and measure, and writes.
      memorySizeMb: 1024,
      timeoutSeconds: 300,
      environment: buildWindowEnvironment({
        databaseName: props.databaseName,
        tableName: props.readingsTableName,
        windowsTableName: this.windowsTable.tableName,
        eventsTableName: this.eventsTable.tableName,
        alerts: { kind: 'sns', topicArn: this.alertTopic.arn },
        // The PredictedFailures alarm's `service` dimension.
        serviceName: functionName,
        metricsNamespace: METRICS_NAMESPACE,
      }),
      statements: [
        { Sid: 'WriteWindowsAndEvents', Effect: 'Allow', Action: ['timestream:WriteRecords'], Resource: [this.windowsTable.arn, this.eventsTable.arn] },
        { Sid: 'ReadWindowHistory', Effect: 'Allow', Action: ['timestream:Select'], Resource: this.windowsTable.arn },
        DISCOVER_ENDPOINTS,
        { Sid: 'PublishAlerts', Effect: 'Allow', Action: ['sns:Publish'], Resource: this.alertTopic.arn },
        props.stream.readStatement,
        { Sid: 'DeadLetters', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: this.deadLetterQueue.arn },
      ],
      tags: props.tags,
    });
    // Tumbling windows carry state between the invocations of a window; a bisected batch would
    // split it, so failures are reported per record (ReportBatchItemFailures) and retried instead.
    this.mapping = new LambdaEventSourceMapping(this, 'mapping', {
      eventSourceArn: props.stream.arn,
      functionName: this.function.function.functionName,
      startingPosition: 'LATEST',
      // libs/schema's, which the local cloud's window mapping uses too.
      batchSize: windowConsumerSettings.batchSize,
      maximumBatchingWindowInSeconds: windowConsumerSettings.maximumBatchingWindowSeconds,
      tumblingWindowInSeconds: props.windowSeconds,
      bisectBatchOnFunctionError: false,
      maximumRetryAttempts: windowConsumerSettings.maximumRetryAttempts,
      maximumRecordAgeInSeconds: windowConsumerSettings.maximumRecordAgeSeconds,
      functionResponseTypes: ['ReportBatchItemFailures'],
      destinationConfig: { onFailure: { destinationArn: this.deadLetterQueue.arn } },
    });
  }
}
