import {
  InternalServerException,
  RejectedRecordsException,
  ThrottlingException,
  TimestreamWriteClient,
  ValidationException,
  WriteRecordsCommand,
  type WriteRecordsCommandInput,
} from '@aws-sdk/client-timestream-write';
import { PIPELINE_METRICS } from '@iot-timeseries/schema';
import { mockClient } from 'aws-sdk-client-mock';
import { createIngestHandler } from '../../src/create-ingest-handler';
import { kinesisEvent, sensorMessage, sqsEvent } from '../support/events';
import { dimension, effectiveRecords, MemoryDeadLetterSink, readingKey, RecordingMetrics, silentLogger } from '../support/fakes';

const config = { databaseName: 'db', tableName: 'tbl', writeConcurrency: 4 };
const meta = { $metadata: {} };
const now = Date.UTC(2026, 0, 1, 12, 0, 0);

function setup() {
  const writeClient = new TimestreamWriteClient({ region: 'us-east-1' });
  const tsMock = mockClient(writeClient);
  const deadLetter = new MemoryDeadLetterSink();
  const metrics = new RecordingMetrics();
  const handler = createIngestHandler({ writeClient, deadLetter, config, logger: silentLogger(), metrics, now: () => now });
  return { tsMock, deadLetter, metrics, handler };
}

const inputs = (m: ReturnType<typeof mockClient>) => m.commandCalls(WriteRecordsCommand).map((c) => c.args[0].input as WriteRecordsCommandInput);

describe('throttling on a Kinesis batch', () => {
  it('reports exactly the items whose readings were in throttled requests', async () => {
    const { tsMock, handler, metrics } = setup();
    const messages = ['dev-1', 'dev-2', 'dev-3'].flatMap((d) => Array.from({ length: 100 }, (_, i) => sensorMessage(d, now - 3_600_000 + i * 10_000)));
    const throttled = new Set<string>();
    tsMock.on(WriteRecordsCommand).callsFake((input: WriteRecordsCommandInput) => {
      const records = effectiveRecords(input);
      if (records.some((r) => dimension(r, 'device_id') === 'dev-2')) {
        records.forEach((r) => throttled.add(readingKey(r)));
        throw new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', ...meta });
      }
      return { RecordsIngested: { Total: records.length } };
    });
    const event = kinesisEvent(messages, { arrivalMs: now });

    const response = (await handler(event)) as { batchItemFailures: Array<{ itemIdentifier: string }> };

    const expected = event.Records.filter((_, i) => throttled.has(`${messages[i].device_id}@${Date.parse(String(messages[i].timestamp))}`)).map((r) => r.kinesis.sequenceNumber);
    expect(expected.length).toBeGreaterThanOrEqual(100);
    expect(expected.length).toBeLessThan(300);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(expected.sort());
    expect(metrics.get(PIPELINE_METRICS.readingsIngested)).toBe(300 - expected.length);
    for (const input of inputs(tsMock)) expect(input.Records?.length).toBeLessThanOrEqual(100);
  });

  it('throws when every item of the batch failed, so the whole batch is retried', async () => {
    const { tsMock, handler } = setup();
    tsMock.on(WriteRecordsCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', ...meta }));
    await expect(handler(kinesisEvent([sensorMessage('dev-1', now - 1000)]))).rejects.toMatchObject({ name: 'FullBatchFailureError' });
  });
});

describe('5xx after the SDK retries', () => {
  it('fails a direct invocation with TransientWriteError and puts nothing aside', async () => {
    const { tsMock, handler, deadLetter } = setup();
    tsMock.on(WriteRecordsCommand).rejects(new InternalServerException({ message: 'internal error', Message: 'internal error', ...meta }));
    await expect(handler(sensorMessage('dev-1', now - 1000))).rejects.toMatchObject({ name: 'TransientWriteError', message: expect.stringContaining('InternalServerException') });
    expect(deadLetter.letters).toEqual([]);
  });

  it('fails only the SQS messages of the request that got a 5xx', async () => {
    const { tsMock, handler } = setup();
    const messages = [...Array.from({ length: 100 }, (_, i) => sensorMessage('dev-1', now - 600_000 + i * 1000)), sensorMessage('dev-2', now - 1000)];
    tsMock.on(WriteRecordsCommand).callsFake((input: WriteRecordsCommandInput) => {
      const records = effectiveRecords(input);
      if (records.some((r) => dimension(r, 'device_id') === 'dev-2')) throw new InternalServerException({ message: 'boom', Message: 'boom', ...meta });
      return {};
    });
    const event = sqsEvent(messages);
    const response = (await handler(event)) as { batchItemFailures: Array<{ itemIdentifier: string }> };
    const failed = response.batchItemFailures.map((f) => f.itemIdentifier);
    expect(failed).toContain('msg-101');
    expect(failed.length).toBeLessThan(101);
  });
});

describe('RejectedRecordsException with mixed reasons', () => {
  const outside = 'The record timestamp is outside the time range [2025-12-31T12:00:00.000Z, 2026-01-01T12:15:00.000Z) of the memory store.';
  const conflict = 'The record version 1 is lower than the existing version 2. A higher version is required to update the measure value.';
  const transient = 'Internal server error while writing the record, try again.';

  it('puts aside permanent rejections with their reason, retries only transient ones, keeps the rest', async () => {
    const { tsMock, handler, deadLetter, metrics } = setup();
    const messages = [sensorMessage('ok-1', now - 5000), sensorMessage('late-1', now - 2000), sensorMessage('conflict-1', now - 3000), sensorMessage('flaky-1', now - 4000), sensorMessage('ok-2', now - 6000)];
    tsMock.on(WriteRecordsCommand).callsFake((input: WriteRecordsCommandInput) => {
      const rejected = effectiveRecords(input).flatMap((r, i) => {
        const device = dimension(r, 'device_id');
        if (device === 'late-1') return [{ RecordIndex: i, Reason: outside }];
        if (device === 'conflict-1') return [{ RecordIndex: i, Reason: conflict, ExistingVersion: 2 }];
        if (device === 'flaky-1') return [{ RecordIndex: i, Reason: transient }];
        return [];
      });
      if (rejected.length > 0) throw new RejectedRecordsException({ message: 'One or more records have been rejected.', Message: 'One or more records have been rejected.', RejectedRecords: rejected, ...meta });
      return {};
    });
    const event = sqsEvent(messages);

    const response = (await handler(event)) as { batchItemFailures: Array<{ itemIdentifier: string }> };

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'msg-4' }]);
    const byDevice = Object.fromEntries(deadLetter.letters.map((l) => [l.deviceId, l]));
    expect(Object.keys(byDevice).sort()).toEqual(['conflict-1', 'late-1']);
    expect(byDevice['late-1']).toMatchObject({ kind: 'rejected-record', source: 'sqs', item: 'msg-2', reason: outside });
    expect(byDevice['conflict-1']).toMatchObject({ kind: 'rejected-record', item: 'msg-3', reason: conflict, existingVersion: 2 });
    expect(byDevice['late-1'].reading).toMatchObject({ deviceId: 'late-1', time: now - 2000 });
    expect(metrics.get(PIPELINE_METRICS.readingsIngested)).toBe(2);
    expect(metrics.get(PIPELINE_METRICS.recordsRejected)).toBe(2);
  });

  it('answers a direct invocation with the permanently rejected message indexes', async () => {
    const { tsMock, handler } = setup();
    tsMock.on(WriteRecordsCommand).callsFake((input: WriteRecordsCommandInput) => {
      const rejected = effectiveRecords(input).flatMap((r, i) => (dimension(r, 'device_id') === 'late-1' ? [{ RecordIndex: i, Reason: outside }] : []));
      throw new RejectedRecordsException({ message: 'rejected', Message: 'rejected', RejectedRecords: rejected, ...meta });
    });
    const response = await handler([sensorMessage('ok-1', now - 5000), sensorMessage('late-1', now - 2000)]);
    expect(response).toEqual({ ingested: 1, rejected: [{ index: 1, reason: outside }] });
  });

  it('puts aside the readings of a request refused as invalid (ValidationException), without retrying', async () => {
    const { tsMock, handler, deadLetter } = setup();
    tsMock.on(WriteRecordsCommand).rejects(new ValidationException({ message: 'Invalid request', Message: 'Invalid request', ...meta }));
    const response = await handler(kinesisEvent([sensorMessage('dev-1', now - 1000), sensorMessage('dev-2', now - 1000)]));
    expect(response).toEqual({ batchItemFailures: [] });
    expect(deadLetter.letters.map((l) => l.reason)).toEqual([expect.stringContaining('ValidationException'), expect.stringContaining('ValidationException')]);
  });
});

describe('dead-letter sink failures', () => {
  it('retries the items whose letters could not be stored', async () => {
    const { tsMock, handler, deadLetter } = setup();
    tsMock.on(WriteRecordsCommand).resolves({});
    deadLetter.failWith = new Error('queue unavailable');
    const event = kinesisEvent([sensorMessage('dev-1', now - 1000), { device_id: 'dev-2', location: 'x', sensors: { humidity: 140 } }]);
    const response = (await handler(event)) as { batchItemFailures: Array<{ itemIdentifier: string }> };
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1].kinesis.sequenceNumber }]);
  });
});

describe('redelivery', () => {
  it('writes identical records when the same Kinesis batch arrives twice (receive time = arrival time)', async () => {
    const { tsMock, handler } = setup();
    tsMock.on(WriteRecordsCommand).resolves({});
    const event = kinesisEvent([sensorMessage('dev-1', undefined), sensorMessage('dev-2', undefined)], { arrivalMs: now - 60_000 });
    await handler(event);
    await handler(event);
    const [first, second] = inputs(tsMock);
    expect(second).toEqual(first);
    expect(effectiveRecords(first).map(readingKey).sort()).toEqual([`dev-1@${now - 60_000}`, `dev-2@${now - 60_000 + 1}`]);
    expect(effectiveRecords(first).every((r) => r.Version === 1)).toBe(true);
  });
});
