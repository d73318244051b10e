import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../policy-document';

export interface IngestStreamProps {
  streamName: string;
  /** Hours the stream keeps records (24 minimum). */
  retentionHours?: number;
  batchSize: number;
  batchingWindowSeconds: number;
  maximumRetryAttempts: number;
  maximumRecordAgeSeconds: number;
  /** Batches of one shard processed at once (records of one partition key stay in order). */
  parallelizationFactor: number;
  tags?: Record<string, string>;
}

/**
 * The on-demand Kinesis stream the topic rule writes to, and the dead-letter queue for what the
 * Lambda cannot take. `connect()` adds the event source mapping once the function exists.
 */
export class IngestStream extends Construct {
  readonly stream: KinesisStream;
  readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, private readonly props: IngestStreamProps) {
    super(scope, id);
    this.stream = new KinesisStream(this, 'stream', {
      name: props.streamName,
      streamModeDetails: { streamMode: 'ON_DEMAND' },
      retentionPeriod: props.retentionHours ?? 24,
      encryptionType: 'KMS',
      kmsKeyId: 'alias/aws/kinesis',
      tags: props.tags,
    });
    this.deadLetterQueue = new SqsQueue(this, 'dlq', {
      name: `${props.streamName}-dlq`,
      messageRetentionSeconds: 14 * 24 * 3600,
      sqsManagedSseEnabled: true,
      tags: props.tags,
    });
  }

  /** What the consuming function needs, on these resources only. */
  consumerStatements(): PolicyStatement[] {
    return [this.readStatement(), { Sid: 'DeadLetters', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: this.deadLetterQueue.arn }];
  }

  /** What any consumer of the stream (an event source mapping's function) needs to read it. */
  readStatement(): PolicyStatement {
    return {
      Sid: 'ReadStream',
      Effect: 'Allow',
      Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
      Resource: this.stream.arn,
    };
  }

  /** Feeds the function: partial-batch responses, bisect on error, bounded retries, per-shard parallel batches, failures to the DLQ. */
  connect(functionName: string): LambdaEventSourceMapping {
    return new LambdaEventSourceMapping(this, 'mapping', {
      eventSourceArn: this.stream.arn,
      functionName,
      startingPosition: 'LATEST',
      batchSize: this.props.batchSize,
      maximumBatchingWindowInSeconds: this.props.batchingWindowSeconds,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: this.props.maximumRetryAttempts,
      maximumRecordAgeInSeconds: this.props.maximumRecordAgeSeconds,
      parallelizationFactor: this.props.parallelizationFactor,
      functionResponseTypes: ['ReportBatchItemFailures'],
      destinationConfig: { onFailure: { destinationArn: this.deadLetterQueue.arn } },
    });
  }
}
