import { RejectedRecordsException, ThrottlingException, TimestreamWriteClient, WriteRecordsCommand, type _Record, type WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import { PUT_ASIDE_RECORDS, SCHEMA_SEED, SCHEMA_SEED_EVENT, MEASURE_NAMES, timestreamSettings } from '@iot-timeseries/schema';
import { mockClient } from 'aws-sdk-client-mock';
import { createIngestHandler } from '../../src/create-ingest-handler';
import { kinesisEvent, sensorMessage } from '../support/events';
import { dimension, effectiveRecords, MemoryDeadLetterSink, RecordingMetrics, silentLogger } from '../support/fakes';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const meta = { $metadata: {} };

function setup(options: { putAsideMarkers?: boolean } = { putAsideMarkers: true }) {
  const writeClient = new TimestreamWriteClient({ region: 'us-east-1' });
  const tsMock = mockClient(writeClient);
  tsMock.on(WriteRecordsCommand).resolves({});
  const deadLetter = new MemoryDeadLetterSink();
  const errors: Array<{ message: string; details: unknown }> = [];
  const logger = Object.assign(silentLogger(), { error: (message: string, details: unknown) => void errors.push({ message, details }) });
  const handler = createIngestHandler({ writeClient, deadLetter, config: { databaseName: 'db', tableName: 'tbl', writeConcurrency: 2 }, logger, metrics: new RecordingMetrics(), now: () => now, ...options });
  const records = () => tsMock.commandCalls(WriteRecordsCommand).flatMap((c) => effectiveRecords(c.args[0].input as WriteRecordsCommandInput));
  const markers = () => records().filter((r) => r.MeasureName === PUT_ASIDE_RECORDS.measureName);
  return { tsMock, deadLetter, handler, records, markers, errors };
}

const value = (record: _Record, name: string) => record.MeasureValues?.find((v) => v.Name === name)?.Value;

describe('put-aside markers', () => {
  it('writes one marker per invalid message that names a device, at its receive time, with its location', async () => {
    const { handler, markers, deadLetter } = setup();
    const bad = sensorMessage('dev-1', now - 5000, { sensors: { humidity: 140 } });
    const anonymous = { location: 'hall', timestamp: new Date(now - 5000).toISOString(), sensors: { temperature: 21 } };
    await handler(kinesisEvent([sensorMessage('dev-2', now - 5000), bad, anonymous], { arrivalMs: now - 1000 }));
    expect(deadLetter.letters).toHaveLength(2);
    const written = markers();
    expect(written).toHaveLength(1);
    expect(dimension(written[0], 'device_id')).toBe('dev-1');
    expect(dimension(written[0], 'location')).toBe(bad.location);
    expect([value(written[0], PUT_ASIDE_RECORDS.invalidColumn), value(written[0], PUT_ASIDE_RECORDS.rejectedColumn)]).toEqual(['1', '0']);
    expect(BigInt(written[0].Time ?? '0') / 1_000_000n).toBe(BigInt(now - 1000 + 1)); // the second record's arrival time
  });

  it('marks a reading Timestream refused for good as rejected, and a redelivery re-writes the same marker', async () => {
    const { tsMock, handler, markers } = setup();
    tsMock.on(WriteRecordsCommand).callsFake((input: WriteRecordsCommandInput) => {
      if (input.Records?.[0]?.MeasureName === PUT_ASIDE_RECORDS.measureName || input.CommonAttributes?.MeasureName === PUT_ASIDE_RECORDS.measureName) return {};
      throw new RejectedRecordsException({ message: 'rejected', RejectedRecords: [{ RecordIndex: 0, Reason: 'The record timestamp is outside the time range [x, y) of the magnetic store.' }], ...meta });
    });
    const event = kinesisEvent([sensorMessage('dev-3', now - 400 * 86_400_000)], { arrivalMs: now });
    await handler(event);
    await handler(event);
    const [first, second] = markers();
    expect(value(first, PUT_ASIDE_RECORDS.rejectedColumn)).toBe('1');
    expect(second).toEqual(first);
  });

  it('logs markers it could not write without failing the items (their letters are stored)', async () => {
    const { tsMock, handler, deadLetter, errors } = setup();
    tsMock.on(WriteRecordsCommand).callsFake((input: WriteRecordsCommandInput) => {
      if (input.Records?.some((r) => r.MeasureName === PUT_ASIDE_RECORDS.measureName)) throw new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', ...meta });
      return {};
    });
    const response = await handler(kinesisEvent([sensorMessage('dev-1', now - 5000, { sensors: { humidity: 140 } })], { arrivalMs: now }));
    expect(response).toEqual({ batchItemFailures: [] });
    expect(deadLetter.letters).toHaveLength(1);
    expect(errors).toEqual([{ message: expect.stringContaining('put-aside markers not written'), details: { markers: 1, reason: expect.stringContaining('Rate exceeded') } }]);
  });

  it('are off unless asked for (the factory default; the deployed function turns them on)', async () => {
    const { handler, markers, deadLetter } = setup({});
    await handler(kinesisEvent([sensorMessage('dev-1', now - 5000, { sensors: { humidity: 140 } })]));
    expect(deadLetter.letters).toHaveLength(1);
    expect(markers()).toEqual([]);
  });
});

describe('the schema seed event', () => {
  it('writes the seed record (every measure and the put-aside columns) and answers what it wrote', async () => {
    const { handler, records } = setup();
    expect(await handler(SCHEMA_SEED_EVENT)).toEqual({ seeded: { measureName: SCHEMA_SEED.measureName, time: new Date(now).toISOString() } });
    const [seed] = records();
    expect(seed).toMatchObject({ MeasureName: SCHEMA_SEED.measureName, Time: String(now) });
    expect(seed.MeasureValues?.map((v) => v.Name)).toEqual([...MEASURE_NAMES, PUT_ASIDE_RECORDS.invalidColumn, PUT_ASIDE_RECORDS.rejectedColumn]);
    expect(seed.MeasureName).not.toBe(timestreamSettings.multiMeasureName);
  });

  it('fails the invocation when the seed cannot be written', async () => {
    const { tsMock, handler } = setup();
    tsMock.on(WriteRecordsCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', ...meta }));
    await expect(handler(SCHEMA_SEED_EVENT)).rejects.toMatchObject({ name: 'ThrottlingException' });
  });
});
