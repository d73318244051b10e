import { SQSClient } from '@aws-sdk/client-sqs';
import type { IngestConfig } from '../config';
import type { IngestLogger } from '../observability/ingest-logger';
import type { DeadLetterSink } from './dead-letter';
import { DirectoryDeadLetterSink } from './directory-dead-letter-sink';
import { LogDeadLetterSink } from './log-dead-letter-sink';
import { SqsDeadLetterSink } from './sqs-dead-letter-sink';

/** The sink the configuration asks for: SQS queue (AWS), directory (local), else the log. */
export function createDeadLetterSink(config: IngestConfig, logger: IngestLogger): DeadLetterSink {
  const target = config.deadLetter;
  switch (target.kind) {
    case 'sqs':
      return new SqsDeadLetterSink(new SQSClient({ region: config.region, maxAttempts: config.writeMaxAttempts }), target.queueUrl);
    case 'directory':
      return new DirectoryDeadLetterSink(target.dir);
    case 'log':
      logger.warn('neither DEAD_LETTER_QUEUE_URL nor DEAD_LETTER_DIR is set: put-aside entries go to the log only');
      return new LogDeadLetterSink(logger);
  }
}
