import { MEASURE_NAMES, PIPELINE_METRICS, timestreamSettings } from '@iot-timeseries/schema';
import { defined } from '../support/defined';
import { sqsEvent } from '../support/events';
import { emfSum } from '../support/lambda-process';
import { startLocalStack, timestampMs, type LocalStack } from '../support/local-stack';
import { generatedSensorData, iotPublishPayload, sampleData, sampleIotData, testPayload } from '../support/recipe-payloads';

jest.setTimeout(60_000);

/** The recipe's "latest readings" query, on the multi-measure layout (one column per measure instead of measure_value::double). */
const latestReadings = (db: string, table: string) =>
  `SELECT device_id, location, measure_name, ${MEASURE_NAMES.join(', ')}, time FROM "${db}"."${table}" WHERE time >= ago(1h) ORDER BY time DESC LIMIT 20`;

describe('the recipe payloads through the built handler (direct invocation)', () => {
  let stack: LocalStack;
  // The recipe's step 9 retention (12 h memory, 1095 days magnetic, magnetic writes on), so its 2024 timestamps are storable.
  beforeAll(async () => {
    stack = await startLocalStack({ retention: { memoryHours: 12, magneticDays: 1095 } });
  });
  afterAll(() => stack?.close());

  it('stores every sample payload as one row per reading that the latest-readings query returns', async () => {
    const invokedAt = Date.now();
    const generated = generatedSensorData('sensor-004', 'warehouse-1', new Date(invokedAt - 5_000));
    for (const payload of [testPayload, ...sampleData, generated]) {
      expect(await stack.lambda.invoke(payload)).toEqual({ result: { ingested: 1, rejected: [] } });
    }
    const rows = await stack.rows(latestReadings(stack.databaseName, stack.tableName));
    expect(rows).toHaveLength(7);
    const byDevice = new Map(rows.map((r) => [`${r.device_id}/${r.location}`, r]));
    const test = defined(byDevice.get('test-sensor-001/test-location'), 'the row of test-sensor-001');
    expect(MEASURE_NAMES.map((m) => Number(test[m]))).toEqual(MEASURE_NAMES.map((m) => testPayload.sensors[m]));
    expect(test.measure_name).toBe(timestreamSettings.multiMeasureName);
    for (const p of sampleData) {
      const row = defined(byDevice.get(`${p.device_id}/${p.location}`), `the row of ${p.device_id}`);
      expect(Number(row.temperature)).toBe(p.sensors.temperature);
      expect(Number(row.humidity)).toBe(p.sensors.humidity);
      expect(Number(row.vibration)).toBe(p.sensors.vibration);
      // no timestamp in the message: the invocation time
      expect(timestampMs(row.time)).toBeGreaterThanOrEqual(invokedAt - 1000);
    }
    expect(timestampMs(defined(byDevice.get('sensor-004/warehouse-1'), 'the row of sensor-004').time)).toBe(invokedAt - 5_000);
    expect(emfSum(stack.lambda.output, PIPELINE_METRICS.readingsWithoutTimestamp)).toBe(6);
  });

  it('stores the 2024-dated payloads with their own timestamps (found by the recipe device query)', async () => {
    expect(await stack.lambda.invoke(sampleIotData)).toEqual({ result: { ingested: 1, rejected: [] } });
    expect(await stack.lambda.invoke(iotPublishPayload)).toEqual({ result: { ingested: 1, rejected: [] } });
    const [flat] = await stack.rows(`SELECT * FROM "${stack.databaseName}"."${stack.tableName}" WHERE device_id = 'iot-sensor-001' ORDER BY time DESC LIMIT 5`);
    expect(flat).toMatchObject({ location: 'production-line-1', time: '2024-01-01 12:00:00.000000000', vibration: null });
    expect([flat.temperature, flat.humidity, flat.pressure].map(Number)).toEqual([26.5, 72, 1012]);
    const nested = await stack.rows(`SELECT time, temperature FROM "${stack.databaseName}"."${stack.tableName}" WHERE device_id = 'sensor-001' AND location = 'factory-floor-1'`);
    // sample-data-1 is the same device and location, stamped with its invocation time
    expect(nested).toHaveLength(2);
    expect(nested).toContainEqual({ time: '2024-01-01 10:00:00.000000000', temperature: '25.5' });
  });

  it('answers a batch with the refused messages listed by index, and puts them aside with the reason', async () => {
    const badValue = { ...testPayload, device_id: 'test-sensor-002', sensors: { ...testPayload.sensors, humidity: 140 } };
    const noDevice = { location: 'test-location', sensors: testPayload.sensors };
    const { result } = await stack.lambda.invoke([{ ...testPayload, device_id: 'test-sensor-003' }, badValue, noDevice]);
    // the bad humidity is refused, the message's valid measures are kept; a message without device_id is refused whole
    expect(result).toEqual({
      ingested: 2,
      rejected: [
        { index: 1, reason: expect.stringContaining('humidity') },
        { index: 2, reason: expect.stringContaining('device_id') },
      ],
    });
    const letters = await stack.deadLetters();
    expect(letters).toEqual([
      expect.objectContaining({ kind: 'invalid-message', source: 'direct', index: 1, deviceId: 'test-sensor-002', message: badValue }),
      expect.objectContaining({ kind: 'invalid-message', source: 'direct', index: 2, message: noDevice }),
    ]);
    const [row] = await stack.rows(`SELECT temperature, humidity FROM "${stack.databaseName}"."${stack.tableName}" WHERE device_id = 'test-sensor-002'`);
    expect(row).toEqual({ temperature: '23.5', humidity: null });
  });
});

describe('with the project retention (24 h memory, 365 days magnetic)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(() => stack?.close());

  it('puts aside a reading older than the retention with the reason Timestream gave', async () => {
    const { result } = await stack.lambda.invoke([sampleIotData, testPayload]);
    expect(result).toEqual({ ingested: 1, rejected: [{ index: 0, reason: expect.stringMatching(/outside the time range .* of the magnetic store/) }] });
    const [letter] = await stack.deadLetters();
    expect(letter).toMatchObject({ kind: 'rejected-record', deviceId: 'sensor-001', reading: { deviceId: 'sensor-001', time: Date.parse('2024-01-01T10:00:00Z') } });
    expect(emfSum(stack.lambda.output, PIPELINE_METRICS.recordsRejected)).toBe(1);
  });

  it('stores an SQS batch of timestamp-less messages once, however often it is delivered', async () => {
    const messages = sampleData.map((m) => ({ ...m, device_id: `sqs-${m.device_id}` }));
    const event = sqsEvent(messages, { sentMs: Date.now() - 10_000 });
    for (let delivery = 0; delivery < 3; delivery++) {
      expect(await stack.lambda.invoke(event)).toEqual({ result: { batchItemFailures: [] } });
    }
    const rows = await stack.rows(`SELECT device_id, time FROM "${stack.databaseName}"."${stack.tableName}" WHERE device_id LIKE 'sqs-%'`);
    expect(rows.map((r) => `${r.device_id}@${timestampMs(r.time)}`).sort()).toEqual(event.Records.map((r, i) => `${messages[i].device_id}@${r.attributes.SentTimestamp}`).sort());
    expect((await stack.deadLetters()).filter((l) => l.deviceId?.startsWith('sqs-'))).toEqual([]);
  });
});
