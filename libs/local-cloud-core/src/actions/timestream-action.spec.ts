import { ThrottlingException, TimestreamWriteClient, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { timestreamSettings } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { recordingSleep } from '@iot-timeseries/timestream-writer/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { recordingPutAside } from '../../test/support/recording-put-aside';
import { PipelineStats } from '../pipeline/pipeline-stats';
import { createTimestreamAction } from './timestream-action';

const settings = { ...timestreamSettings, databaseName: 'direct', tableName: 'readings' };
const message = (deviceId: string, time: number, sensors: Record<string, number> = { temperature: 21.5 }) => ({ device_id: deviceId, location: 'hall-1', timestamp: new Date(time).toISOString(), ...sensors });
const putAside = (stats: PipelineStats) => stats.snapshot().recentPutAside.map((p) => [p.deviceId, p.reason]);

describe('the direct Timestream action against the local server', () => {
  let ts: TestTimestream;
  beforeAll(async () => {
    ts = await startTestTimestream({
      tables: [{ DatabaseName: settings.databaseName, TableName: settings.tableName, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 1, MagneticStoreRetentionPeriodInDays: 1 } }],
    });
  });
  afterAll(() => ts.close());

  it('counts stored readings and invalid measures, and puts aside a record refused for good with Timestream reason', async () => {
    const stats = new PipelineStats();
    const { putAside: sink, letters } = recordingPutAside(stats);
    const action = createTimestreamAction({ client: ts.writeClient(), settings, stats, putAside: sink });
    const now = Date.now();
    await action(message('ok', now - 1000), now);
    await action(message('late', now - 3 * 3_600_000), now);
    await action(message('partly', now, { temperature: 22, humidity: 140 }), now);
    expect(stats.counters).toMatchObject({ readingsWritten: 2, recordsRejected: 1, messagesInvalid: 1 });
    expect(putAside(stats)).toEqual([
      ['partly', expect.stringMatching(/humidity 140 is outside/)],
      ['late', expect.stringMatching(/^Timestream rejected the record: The record timestamp is outside the time range .* of the memory store\.$/)],
    ]);
    // Each letter keeps the message as the rule selected it, and its bytes.
    expect(letters.map((l) => [l.kind, l.stage, l.deviceId, JSON.parse(l.payload.data).device_id])).toEqual([
      ['rejected-record', 'timestream-action', 'late', 'late'],
      ['invalid-message', 'timestream-action', 'partly', 'partly'],
    ]);
  });
});

describe('the direct Timestream action on transient failures', () => {
  const throttled = () => new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });

  it('stores what a re-send gets through, after waiting', async () => {
    const client = new TimestreamWriteClient({ region: 'us-east-1' });
    mockClient(client).on(WriteRecordsCommand).rejectsOnce(throttled()).resolves({});
    const stats = new PipelineStats();
    const { sleep, waits } = recordingSleep();
    await createTimestreamAction({ client, settings, stats, sleep, putAside: recordingPutAside(stats).putAside })(message('a', Date.now()), Date.now());
    expect(stats.counters).toMatchObject({ readingsWritten: 1, recordsRejected: 0, putAsideTotal: 0 });
    expect(waits).toEqual([200]);
  });

  it('puts aside, with the reason, what still fails after the re-sends', async () => {
    const client = new TimestreamWriteClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    mock.on(WriteRecordsCommand).rejects(throttled());
    const stats = new PipelineStats();
    const { sleep, waits } = recordingSleep();
    await createTimestreamAction({ client, settings, stats, sleep, resend: { attempts: 3 }, putAside: recordingPutAside(stats).putAside })(message('a', Date.now()), Date.now());
    expect(mock.commandCalls(WriteRecordsCommand)).toHaveLength(4);
    expect(waits).toEqual([200, 400, 800]);
    expect(stats.counters).toMatchObject({ readingsWritten: 0, recordsRejected: 1 });
    expect(putAside(stats)).toEqual([['a', 'WriteRecords failed: ThrottlingException (HTTP 400): Rate exceeded']]);
  });
});
