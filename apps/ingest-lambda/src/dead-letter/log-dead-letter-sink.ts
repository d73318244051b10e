import type { IngestLogger } from '../observability/ingest-logger';
import type { DeadLetter, DeadLetterSink } from './dead-letter';

/** Fallback when no queue or directory is configured: each letter is logged in full at ERROR level. */
export class LogDeadLetterSink implements DeadLetterSink {
  constructor(private readonly logger: IngestLogger) {}

  async putAside(letters: readonly DeadLetter[]): Promise<void> {
    for (const deadLetter of letters) this.logger.error('put aside (no dead-letter queue or directory configured)', { deadLetter });
  }
}
