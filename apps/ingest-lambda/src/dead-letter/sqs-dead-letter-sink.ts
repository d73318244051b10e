import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import { DeadLetterError } from '../errors';
import type { DeadLetter, DeadLetterSink } from './dead-letter';

/** SQS limits: 10 entries and 256 KiB per SendMessageBatch call (and per message). */
const MAX_ENTRIES = 10;
const MAX_BATCH_BYTES = 256 * 1024;
const MAX_ATTEMPTS = 3;

/**
 * AWS: sends each letter as one message body (the letter's JSON) to the dead-letter queue, with
 * `kind` and `source` as message attributes. Entries SQS refuses are sent again (3 attempts in all);
 * if some still fail, DeadLetterError is thrown.
 */
export class SqsDeadLetterSink implements DeadLetterSink {
  constructor(
    private readonly client: Pick<SQSClient, 'send'>,
    readonly queueUrl: string,
  ) {}

  async putAside(letters: readonly DeadLetter[]): Promise<void> {
    for (const batch of toBatches(letters.map(toEntry))) await this.sendBatch(batch);
  }

  private async sendBatch(entries: SendMessageBatchRequestEntry[]): Promise<void> {
    let pending = entries;
    let lastReason = '';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && pending.length > 0; attempt++) {
      let failedIds: Set<string>;
      try {
        const out = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
        failedIds = new Set((out.Failed ?? []).map((f) => f.Id ?? ''));
        lastReason = (out.Failed ?? []).map((f) => `${f.Code}: ${f.Message ?? ''}`).join('; ');
      } catch (cause) {
        if (attempt === MAX_ATTEMPTS) throw new DeadLetterError(`could not send ${pending.length} dead letter(s) to ${this.queueUrl}`, { cause });
        continue;
      }
      pending = pending.filter((e) => failedIds.has(e.Id ?? ''));
    }
    if (pending.length > 0) throw new DeadLetterError(`SQS refused ${pending.length} dead letter(s): ${lastReason}`);
  }
}

function toEntry(letter: DeadLetter, i: number): SendMessageBatchRequestEntry {
  let body = JSON.stringify(letter);
  if (Buffer.byteLength(body) > MAX_BATCH_BYTES - 1024) {
    body = JSON.stringify({ ...letter, message: { truncatedText: JSON.stringify(letter.message).slice(0, 60_000) } });
  }
  return {
    Id: `l${i}`,
    MessageBody: body,
    MessageAttributes: {
      kind: { DataType: 'String', StringValue: letter.kind },
      source: { DataType: 'String', StringValue: letter.source },
    },
  };
}

function toBatches(entries: SendMessageBatchRequestEntry[]): SendMessageBatchRequestEntry[][] {
  const batches: SendMessageBatchRequestEntry[][] = [];
  let current: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(entry.MessageBody ?? '') + 200;
    if (current.length === MAX_ENTRIES || (current.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
