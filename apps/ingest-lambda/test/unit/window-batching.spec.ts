import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { analyticsSettings, parseWindowEnvironment, timestreamSettings, windowConsumerSettings } from '@iot-timeseries/schema';
import { createAlertPublisher } from '../../src/windows/alert-publisher';
import { createWindowHandler, type WindowEvent, type WindowResult } from '../../src/windows/create-window-handler';
import { kinesisEvent, sensorMessage } from '../support/events';
import { RecordingMetrics, silentLogger } from '../support/fakes';

const WINDOW_START = Date.UTC(2026, 11, 1, 12, 0, 0);
const window = { start: new Date(WINDOW_START).toISOString(), end: new Date(WINDOW_START + 60_000).toISOString() };

/** 1,000 readings of 50 devices over the window, with values that differ per reading (so the sums' order shows). */
const messages = Array.from({ length: 1000 }, (_, i) => {
  const device = `sensor-${String((i % 50) + 1).padStart(3, '0')}`;
  const t = WINDOW_START + 50 + i * 55;
  return sensorMessage(device, t, { sensors: { temperature: 20 + Math.sin(i) * 3, humidity: 50 + (i % 13) / 7, pressure: 1013 + Math.cos(i / 3), vibration: 0.05 + (i % 17) / 1000 } });
});

describe('the window function folds a window the same whatever the batch size', () => {
  // Only the non-final invocations are made: they fold the batch into the state and touch no client.
  const handler = createWindowHandler({
    writeClient: new TimestreamWriteClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
    queryClient: new TimestreamQueryClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
    publish: createAlertPublisher({ kind: 'directory', dir: '/nonexistent' }, { log: () => undefined }),
    config: parseWindowEnvironment({ DATABASE_NAME: timestreamSettings.databaseName, TABLE_NAME: timestreamSettings.tableName, ALERT_DIR: '/nonexistent' }),
    settings: analyticsSettings,
    logger: silentLogger(),
    metrics: new RecordingMetrics(),
  });

  async function fold(batchSize: number): Promise<WindowResult['state']> {
    let state: unknown = {};
    for (let i = 0; i < messages.length; i += batchSize) {
      const event = { ...kinesisEvent(messages.slice(i, i + batchSize), { arrivalMs: WINDOW_START + 100, firstSequence: i + 1 }), window, state, isFinalInvokeForWindow: false, isWindowTerminatedEarly: false } as WindowEvent;
      // The state crosses the Lambda service as JSON between invocations.
      state = JSON.parse(JSON.stringify((await handler(event)).state));
    }
    return state as WindowResult['state'];
  }

  it("gives the same state with the window mapping's batches (libs/schema's windowConsumerSettings) as with the ingest mapping's", async () => {
    const large = await fold(windowConsumerSettings.batchSize);
    const small = await fold(100);
    const single = await fold(1);
    expect(large).toEqual(small);
    expect(large).toEqual(single);
    expect(Object.keys((large as { devices: object }).devices)).toHaveLength(50);
    expect((large as { devices: Record<string, { readings: number }> }).devices['sensor-001'].readings).toBe(20);
  });
});
