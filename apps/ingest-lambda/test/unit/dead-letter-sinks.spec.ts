import { SendMessageBatchCommand, SQSClient, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DeadLetter } from '../../src/dead-letter/dead-letter';
import { DirectoryDeadLetterSink } from '../../src/dead-letter/directory-dead-letter-sink';
import { SqsDeadLetterSink } from '../../src/dead-letter/sqs-dead-letter-sink';
import { defined } from '../support/defined';

const letter = (i: number): DeadLetter => ({
  v: 1,
  kind: 'invalid-message',
  at: '2026-01-01T00:00:00.000Z',
  source: 'kinesis',
  item: `seq-${i}`,
  index: 0,
  reason: `humidity ${100 + i} is outside 0..100 %RH`,
  details: [{ path: 'sensors.humidity', reason: `humidity ${100 + i} is outside 0..100 %RH` }],
  deviceId: `dev-${i}`,
  message: { device_id: `dev-${i}`, sensors: { humidity: 100 + i } },
});

describe('DirectoryDeadLetterSink', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'ingest-dl-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('appends one JSON line per letter to one file of this instance', async () => {
    const sink = new DirectoryDeadLetterSink(path.join(dir, 'nested'));
    await sink.putAside([letter(1), letter(2)]);
    await sink.putAside([]);
    await sink.putAside([letter(3)]);
    const files = await readdir(path.join(dir, 'nested'));
    expect(files).toEqual([path.basename(sink.file)]);
    const lines = (await readFile(sink.file, 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([letter(1), letter(2), letter(3)]);
  });

  it('throws DeadLetterError when the directory cannot be written', async () => {
    await writeFile(path.join(dir, 'a-file'), 'not a directory');
    const sink = new DirectoryDeadLetterSink(path.join(dir, 'a-file', 'dead-letters'));
    await expect(sink.putAside([letter(1)])).rejects.toMatchObject({ name: 'DeadLetterError' });
  });
});

describe('SqsDeadLetterSink', () => {
  const entriesOf = (input: SendMessageBatchCommandInput) => defined(input.Entries, 'the batch entries');
  const queueUrl = 'https://sqs.us-east-1.amazonaws.com/000000000000/ingest-dlq';

  it('sends batches of at most 10 and resends the entries SQS refused', async () => {
    const client = new SQSClient({ region: 'us-east-1' });
    const sqs = mockClient(client);
    let refusedOnce = false;
    sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => {
      if (!refusedOnce) {
        refusedOnce = true;
        return { Successful: [], Failed: [{ Id: entriesOf(input)[0].Id, Code: 'InternalError', SenderFault: false }] };
      }
      return { Successful: entriesOf(input).map((e) => ({ Id: e.Id, MessageId: 'm', MD5OfMessageBody: '' })), Failed: [] };
    });
    await new SqsDeadLetterSink(client, queueUrl).putAside(Array.from({ length: 23 }, (_, i) => letter(i)));
    const sent = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(sent.map((s) => entriesOf(s).length)).toEqual([10, 1, 10, 3]);
    expect(sent.every((s) => s.QueueUrl === queueUrl)).toBe(true);
    const items = new Set(sent.flatMap((s) => entriesOf(s).map((e) => JSON.parse(defined(e.MessageBody, 'a message body')).item)));
    expect([...items].sort()).toEqual(Array.from({ length: 23 }, (_, i) => `seq-${i}`).sort());
    expect(entriesOf(sent[1])[0].Id).toBe(entriesOf(sent[0])[0].Id);
    expect(entriesOf(sent[0])[0].MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'invalid-message' }, source: { DataType: 'String', StringValue: 'kinesis' } });
  });

  it('throws DeadLetterError when SQS keeps refusing', async () => {
    const client = new SQSClient({ region: 'us-east-1' });
    mockClient(client)
      .on(SendMessageBatchCommand)
      .callsFake((input: SendMessageBatchCommandInput) => ({ Failed: entriesOf(input).map((e) => ({ Id: e.Id, Code: 'KmsThrottled', SenderFault: false, Message: 'throttled' })) }));
    await expect(new SqsDeadLetterSink(client, queueUrl).putAside([letter(1)])).rejects.toThrow('SQS refused 1 dead letter(s): KmsThrottled: throttled');
  });
});
