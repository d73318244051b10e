import { InternalServerException, ThrottlingException, TimestreamWriteClient, ValidationException, WriteRecordsCommand, type WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import { mockClient } from 'aws-sdk-client-mock';
import { WriterOptionsError } from './errors';
import { dimensionOf, effectiveRecords, recordingSleep, rejectedRecordsException, sensorReading } from './testing';
import { writeReadings, type ReadingWriterOptions } from './write-readings';

// Error paths with a mocked client: what the local server cannot be made to do on demand.
const now = Date.UTC(2026, 0, 1, 12);
const meta = { $metadata: { httpStatusCode: 500 } };
const throttled = () => new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });

function setup(extra: Partial<ReadingWriterOptions> = {}) {
  const client = new TimestreamWriteClient({ region: 'us-east-1' });
  const mock = mockClient(client);
  const { sleep, waits } = recordingSleep();
  const options: ReadingWriterOptions = { client, databaseName: 'db', tableName: 'tbl', sleep, ...extra };
  const inputs = () => mock.commandCalls(WriteRecordsCommand).map((c) => c.args[0].input as WriteRecordsCommandInput);
  return { mock, options, waits, inputs };
}

const devicesOf = (input: WriteRecordsCommandInput) => effectiveRecords(input).map((r) => dimensionOf(r, 'device_id'));

describe('whole-request failures', () => {
  it('hands back the readings of a throttled request to retry, and stores the others', async () => {
    const { mock, options } = setup();
    mock.on(WriteRecordsCommand).callsFake((input: WriteRecordsCommandInput) => {
      if (devicesOf(input).includes('slow')) throw throttled();
      return {};
    });
    const readings = [...Array.from({ length: 100 }, (_, i) => sensorReading('fast', now - i)), sensorReading('slow', now)];
    const report = await writeReadings(readings, options);
    expect(report.stored).toEqual(readings.slice(0, 100).map((_, i) => i));
    expect(report.toRetry).toEqual([{ index: 100, reading: readings[100], scope: 'request', reason: 'WriteRecords failed: ThrottlingException (HTTP 400): Rate exceeded' }]);
    expect(report.refused).toEqual([]);
  });

  it('hands back every reading of a request that got a 5xx', async () => {
    const { mock, options } = setup();
    mock.on(WriteRecordsCommand).rejects(new InternalServerException({ message: 'boom', Message: 'boom', ...meta }));
    const report = await writeReadings([sensorReading('a', now), sensorReading('b', now)], options);
    expect(report.toRetry.map((r) => [r.index, r.reason])).toEqual([
      [0, 'WriteRecords failed: InternalServerException (HTTP 500): boom'],
      [1, 'WriteRecords failed: InternalServerException (HTTP 500): boom'],
    ]);
  });

  it('refuses for good the readings of a request Timestream calls invalid', async () => {
    const { mock, options } = setup();
    mock.on(WriteRecordsCommand).rejects(new ValidationException({ message: 'Invalid request', Message: 'Invalid request', $metadata: { httpStatusCode: 400 } }));
    const report = await writeReadings([sensorReading('a', now)], options);
    expect(report.refused).toEqual([expect.objectContaining({ index: 0, scope: 'request', reason: expect.stringContaining('ValidationException') })]);
    expect(report.toRetry).toEqual([]);
  });
});

describe('RejectedRecords', () => {
  const outside = 'The record timestamp is outside the time range [2025-12-31T12:00:00.000Z, 2026-01-01T12:15:00.000Z) of the memory store.';
  const conflict = 'The record version 1 is lower than the existing version 2. A higher version is required to update the measure value.';
  const transient = 'Internal server error while writing the record, try again.';

  it('sorts each record by its reason: permanent with ExistingVersion, transient, or stored', async () => {
    const { mock, options } = setup();
    mock.on(WriteRecordsCommand).callsFake((input: WriteRecordsCommandInput) => {
      throw rejectedRecordsException(
        devicesOf(input).flatMap((device, i) => {
          if (device === 'late') return [{ RecordIndex: i, Reason: outside }];
          if (device === 'conflict') return [{ RecordIndex: i, Reason: conflict, ExistingVersion: 2 }];
          if (device === 'flaky') return [{ RecordIndex: i, Reason: transient }];
          return [];
        }),
      );
    });
    const readings = ['ok', 'late', 'conflict', 'flaky', 'ok-2'].map((d) => sensorReading(d, now));
    const report = await writeReadings(readings, options);
    expect(report.stored).toEqual([0, 4]);
    expect(report.refused).toEqual([
      { index: 1, reading: readings[1], scope: 'record', reason: outside },
      { index: 2, reading: readings[2], scope: 'record', reason: conflict, existingVersion: 2 },
    ]);
    expect(report.toRetry).toEqual([{ index: 3, reading: readings[3], scope: 'record', reason: transient }]);
  });

  it('classifies by the error name, whatever class the error is', async () => {
    const { mock, options } = setup();
    mock.on(WriteRecordsCommand).rejects(Object.assign(new Error('rejected'), { name: 'RejectedRecordsException', RejectedRecords: [{ RecordIndex: 0, Reason: outside }] }));
    const report = await writeReadings([sensorReading('late', now)], options);
    expect(report.refused).toEqual([expect.objectContaining({ index: 0, scope: 'record', reason: outside })]);
  });

  it('shares a refusal with the exact duplicates of the refused reading, naming the first', async () => {
    const { mock, options } = setup();
    mock.on(WriteRecordsCommand).callsFake((input: WriteRecordsCommandInput) => {
      throw rejectedRecordsException(devicesOf(input).flatMap((d, i) => (d === 'late' ? [{ RecordIndex: i, Reason: outside }] : [])));
    });
    const late = sensorReading('late', now);
    const report = await writeReadings([late, sensorReading('ok', now), { ...late }], options);
    expect(report.stored).toEqual([1]);
    expect(report.refused.map((r) => [r.index, r.duplicateOf])).toEqual([
      [0, undefined],
      [2, 0],
    ]);
    expect(devicesOf(mock.commandCalls(WriteRecordsCommand)[0].args[0].input as WriteRecordsCommandInput)).toEqual(['late', 'ok']);
  });
});

describe('the writer re-sends what is transient', () => {
  it('by default hands transient failures straight back: one call, no wait (the Lambda relies on it)', async () => {
    const { mock, options, waits } = setup();
    mock.on(WriteRecordsCommand).rejects(throttled());
    const report = await writeReadings([sensorReading('a', now)], options);
    expect(report).toMatchObject({ stored: [], requests: 1 });
    expect(report.toRetry).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('stores after a re-send, waiting the base delay first', async () => {
    const { mock, options, waits } = setup({ resend: { attempts: 2, baseDelayMs: 50 } });
    mock.on(WriteRecordsCommand).rejectsOnce(throttled()).resolves({});
    const report = await writeReadings([sensorReading('a', now), sensorReading('b', now)], options);
    expect(report).toEqual({ stored: [0, 1], refused: [], toRetry: [], requests: 2 });
    expect(waits).toEqual([50]);
  });

  it('re-sends only the transient readings, never the refused or the stored ones', async () => {
    const { mock, options, inputs } = setup({ resend: { attempts: 1 } });
    mock
      .on(WriteRecordsCommand)
      .callsFakeOnce((input: WriteRecordsCommandInput) => {
        throw rejectedRecordsException(
          devicesOf(input).flatMap((d, i) => (d === 'late' ? [{ RecordIndex: i, Reason: 'Invalid time for record.' }] : d === 'flaky' ? [{ RecordIndex: i, Reason: 'Request throttled' }] : [])),
        );
      })
      .resolves({});
    const report = await writeReadings(['ok', 'late', 'flaky'].map((d) => sensorReading(d, now)), options);
    expect(inputs().map(devicesOf)).toEqual([['ok', 'late', 'flaky'], ['flaky']]);
    expect(report.stored).toEqual([0, 2]);
    expect(report.refused.map((r) => r.index)).toEqual([1]);
  });

  it('backs off exponentially up to the cap, then hands back what still fails with its last reason', async () => {
    const { mock, options, waits } = setup({ resend: { attempts: 4, baseDelayMs: 100, maxDelayMs: 500 } });
    mock.on(WriteRecordsCommand).rejects(throttled());
    const report = await writeReadings([sensorReading('a', now)], options);
    expect(waits).toEqual([100, 200, 400, 500]);
    expect(report.requests).toBe(5);
    expect(report.toRetry).toEqual([expect.objectContaining({ index: 0, reason: expect.stringContaining('ThrottlingException') })]);
  });
});

describe('options', () => {
  it('keeps at most `concurrency` requests in flight', async () => {
    const { mock, options } = setup({ concurrency: 3 });
    let inFlight = 0;
    let most = 0;
    mock.on(WriteRecordsCommand).callsFake(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return {};
    });
    const readings = Array.from({ length: 1000 }, (_, i) => sensorReading(`d-${i % 10}`, now - i));
    const report = await writeReadings(readings, options);
    expect(report.requests).toBe(10);
    expect(report.stored).toHaveLength(1000);
    expect(most).toBe(3);
  });

  it.each([{ concurrency: 0 }, { resend: { attempts: -1 } }, { resend: { attempts: 1.5 } }, { resend: { baseDelayMs: -1 } }])('refuses %j with WriterOptionsError', async (extra) => {
    const { options } = setup(extra);
    await expect(writeReadings([sensorReading('a', now)], options)).rejects.toThrow(WriterOptionsError);
  });

  it('sends nothing for no readings', async () => {
    const { options, inputs } = setup();
    expect(await writeReadings([], options)).toEqual({ stored: [], refused: [], toRetry: [], requests: 0 });
    expect(inputs()).toEqual([]);
  });
});
