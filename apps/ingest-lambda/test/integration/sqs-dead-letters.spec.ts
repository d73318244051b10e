import { kinesisEvent, sensorMessage } from '../support/events';
import { startFakeSqs, type FakeSqs } from '../support/fake-sqs';
import { startLocalStack, type LocalStack } from '../support/local-stack';

jest.setTimeout(60_000);

describe('dead letters to an SQS queue (DEAD_LETTER_QUEUE_URL), through the built handler and the real SQS client', () => {
  let sqs: FakeSqs;
  let stack: LocalStack;
  beforeAll(async () => {
    sqs = await startFakeSqs();
    stack = await startLocalStack({ env: { DEAD_LETTER_DIR: '', DEAD_LETTER_QUEUE_URL: sqs.queueUrl, WRITE_MAX_ATTEMPTS: '2' } });
  });
  afterAll(async () => {
    await stack?.close();
    await sqs?.close();
  });

  it('sends each invalid message to the queue with its reason and reports no failure', async () => {
    const bad = { device_id: 'dev-x', location: 'factory-floor-1', timestamp: 'soon', sensors: { temperature: 20 } };
    const event = kinesisEvent([sensorMessage('dev-1', Date.now() - 1000), bad, '[not json']);
    expect(await stack.lambda.invoke(event)).toEqual({ result: { batchItemFailures: [] } });
    const letters = sqs.bodies.map((b) => JSON.parse(b));
    expect(letters).toEqual([
      expect.objectContaining({ kind: 'invalid-message', item: event.Records[1].kinesis.sequenceNumber, deviceId: 'dev-x', reason: expect.stringContaining('timestamp'), message: bad }),
      expect.objectContaining({ kind: 'invalid-message', item: event.Records[2].kinesis.sequenceNumber, reason: expect.stringContaining('JSON'), message: '[not json' }),
    ]);
  });

  it('fails the items whose letters the queue refused, so they come back', async () => {
    sqs.refuse = true;
    const event = kinesisEvent([sensorMessage('dev-2', Date.now() - 1000), { device_id: 'dev-y', location: 'x', sensors: { humidity: -5 } }], { firstSequence: 100 });
    expect(await stack.lambda.invoke(event)).toEqual({ result: { batchItemFailures: [{ itemIdentifier: event.Records[1].kinesis.sequenceNumber }] } });
    sqs.refuse = false;
  });
});
