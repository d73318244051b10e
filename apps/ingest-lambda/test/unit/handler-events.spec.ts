import { TimestreamWriteClient, WriteRecordsCommand, type WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import { PIPELINE_METRICS } from '@iot-timeseries/schema';
import { mockClient } from 'aws-sdk-client-mock';
import { createIngestHandler } from '../../src/create-ingest-handler';
import { sensorMessage, sqsEvent } from '../support/events';
import { effectiveRecords, MemoryDeadLetterSink, readingKey, RecordingMetrics, silentLogger } from '../support/fakes';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);

function setup() {
  const writeClient = new TimestreamWriteClient({ region: 'us-east-1' });
  const tsMock = mockClient(writeClient);
  tsMock.on(WriteRecordsCommand).resolves({});
  const deadLetter = new MemoryDeadLetterSink();
  const metrics = new RecordingMetrics();
  const handler = createIngestHandler({ writeClient, deadLetter, config: { databaseName: 'db', tableName: 'tbl', writeConcurrency: 2 }, logger: silentLogger(), metrics, now: () => now });
  const written = () => tsMock.commandCalls(WriteRecordsCommand).flatMap((c) => effectiveRecords(c.args[0].input as WriteRecordsCommandInput));
  return { handler, deadLetter, metrics, written };
}

describe('IoT rule Lambda action and direct invocation', () => {
  it("stamps a message without timestamp with the rule's received_at, and counts it", async () => {
    const { handler, written, metrics } = setup();
    const message = { ...sensorMessage('dev-1', undefined), client_id: 'dev-1', received_at: now - 42_000 };
    expect(await handler(message)).toEqual({ ingested: 1, rejected: [] });
    expect(written().map(readingKey)).toEqual([`dev-1@${now - 42_000}`]);
    expect(metrics.get(PIPELINE_METRICS.readingsWithoutTimestamp)).toBe(1);
    expect(metrics.published).toBe(1);
  });

  it('lists refused messages by index, puts them aside and writes the rest in one request', async () => {
    const { handler, written, deadLetter, metrics } = setup();
    const spoofed = { ...sensorMessage('dev-2', now - 1000), client_id: 'someone-else' };
    const response = await handler([sensorMessage('dev-1', now - 1000), spoofed, 'not an object', sensorMessage('dev-3', now - 2000)]);
    expect(response).toEqual({
      ingested: 2,
      rejected: [
        { index: 1, reason: expect.stringContaining('device_id') },
        { index: 2, reason: expect.stringContaining('JSON object') },
      ],
    });
    expect(written().map(readingKey).sort()).toEqual([`dev-1@${now - 1000}`, `dev-3@${now - 2000}`]);
    expect(deadLetter.letters.map((l) => [l.kind, l.source, l.index, l.message])).toEqual([
      ['invalid-message', 'direct', 1, spoofed],
      ['invalid-message', 'direct', 2, 'not an object'],
    ]);
    expect(metrics.get(PIPELINE_METRICS.messagesInvalid)).toBe(2);
    expect(metrics.get(PIPELINE_METRICS.recordsRejected)).toBe(2);
    expect(metrics.get(PIPELINE_METRICS.writeRecordsCalls)).toBe(1);
  });

  it('throws on an event from an unsupported source, still publishing metrics', async () => {
    const { handler, metrics } = setup();
    await expect(handler({ Records: [{ eventSource: 'aws:sns' }] })).rejects.toMatchObject({ name: 'UnsupportedEventError' });
    expect(metrics.published).toBe(1);
  });
});

describe('SQS batches', () => {
  it('puts aside bad JSON bodies without failing them, and writes the rest', async () => {
    const { handler, written, deadLetter } = setup();
    const event = sqsEvent([sensorMessage('dev-1', now - 1000), '{"device_id": ', [sensorMessage('dev-2', now - 1000), sensorMessage('dev-3', now - 1000)]]);
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    expect(written()).toHaveLength(3);
    expect(deadLetter.letters).toEqual([expect.objectContaining({ kind: 'invalid-message', item: 'msg-2', reason: expect.stringContaining('not valid JSON'), message: '{"device_id": ' })]);
  });

  it('writes a message delivered twice in one batch once', async () => {
    const { handler, written } = setup();
    const message = sensorMessage('dev-1', now - 1000);
    expect(await handler(sqsEvent([message, message]))).toEqual({ batchItemFailures: [] });
    expect(written()).toHaveLength(1);
  });
});
