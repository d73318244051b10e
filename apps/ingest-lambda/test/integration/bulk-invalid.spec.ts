import { PIPELINE_METRICS, PUT_ASIDE_RECORDS, timestreamSettings } from '@iot-timeseries/schema';
import { defined } from '../support/defined';
import { kinesisEvent, sensorMessage } from '../support/events';
import { emfSum } from '../support/lambda-process';
import { startLocalStack, timestampMs, type LocalStack } from '../support/local-stack';

jest.setTimeout(120_000);

const TOTAL = 10_000;
const BATCH = 1_000;

/**
 * Five kinds of bad message, each with a word its reason must mention. A bad measure value refuses
 * only that measure (the message's valid measures are stored, the refused one stays NULL); a bad
 * envelope (device_id, timestamp) or bad JSON refuses the whole message.
 */
const invalidKinds: Array<{ make: (device: string, time: number) => string | object; mentions: RegExp; refusedMeasure?: string }> = [
  { make: (d, t) => sensorMessage(d, t, { sensors: { temperature: 21, humidity: 140, pressure: 1013, vibration: 0.1 } }), mentions: /humidity/, refusedMeasure: 'humidity' },
  { make: (_d, t) => ({ location: 'factory-floor-1', timestamp: new Date(t).toISOString(), sensors: { temperature: 21 } }), mentions: /device_id/ },
  { make: (d) => sensorMessage(d, undefined, { timestamp: 'yesterday' }), mentions: /timestamp/ },
  { make: (d) => `{"device_id": "${d}", "location": "factory-floor-1", "sensors": {`, mentions: /JSON/i },
  { make: (d, t) => sensorMessage(d, t, { sensors: { temperature: 'hot', humidity: 50, pressure: 1013, vibration: 0.1 } }), mentions: /temperature/, refusedMeasure: 'temperature' },
];

describe('10,000 messages with 5 % invalid, in Kinesis batches, through the built handler', () => {
  // 500 invalid messages: 300 refused whole, 200 with one refused measure (their valid measures stored)
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(() => stack?.close());

  it('leaves exactly the valid readings in the table and puts every invalid message aside with its reason', async () => {
    const start = Date.now() - 40 * 60_000;
    const messages: Array<string | object> = [];
    const expectedRows = new Set<string>();
    const partialRows = new Map<string, string>();
    const invalid = new Map<number, RegExp>();
    for (let i = 0; i < TOTAL; i++) {
      const device = `sensor-${String((i % 50) + 1).padStart(3, '0')}`;
      const time = start + i * 200;
      if (i % 20 === 7) {
        const kind = invalidKinds[Math.floor(i / 20) % invalidKinds.length];
        messages.push(kind.make(device, time));
        invalid.set(i, kind.mentions);
        if (kind.refusedMeasure) partialRows.set(`${device}@${time}`, kind.refusedMeasure);
      } else {
        messages.push(sensorMessage(device, time));
        expectedRows.add(`${device}@${time}`);
      }
    }
    expect(invalid.size).toBe(500);
    expect(partialRows.size).toBe(200);

    const sequenceOf = new Map<string, number>();
    for (let b = 0; b < TOTAL; b += BATCH) {
      const event = kinesisEvent(messages.slice(b, b + BATCH), { firstSequence: b + 1 });
      event.Records.forEach((r, j) => sequenceOf.set(r.kinesis.sequenceNumber, b + j));
      const outcome = await stack.lambda.invoke(event);
      expect(outcome).toEqual({ result: { batchItemFailures: [] } });
    }

    const rows = await stack.rows(`SELECT device_id, time, temperature, humidity, pressure, vibration FROM "${stack.databaseName}"."${stack.tableName}" WHERE measure_name = '${timestreamSettings.multiMeasureName}'`);
    expect(rows).toHaveLength(expectedRows.size + partialRows.size);
    const complete = rows.filter((r) => r.temperature !== null && r.humidity !== null && r.pressure !== null && r.vibration !== null);
    expect(new Set(complete.map((r) => `${r.device_id}@${timestampMs(r.time)}`))).toEqual(expectedRows);
    const partial = rows.filter((r) => !complete.includes(r));
    expect(new Map(partial.map((r) => [`${r.device_id}@${timestampMs(r.time)}`, Object.keys(r).find((k) => r[k] === null)]))).toEqual(partialRows);

    const letters = await stack.deadLetters();
    expect(letters).toHaveLength(500);
    for (const letter of letters) {
      const index = defined(sequenceOf.get(letter.item), `the batch position of item ${letter.item}`);
      expect(letter).toMatchObject({ v: 1, kind: 'invalid-message', source: 'kinesis', index: 0 });
      expect(letter.reason).toMatch(defined(invalid.get(index), `the invalid message at ${index}`));
      expect(letter.message).toBeDefined();
    }
    expect(new Set(letters.map((l) => sequenceOf.get(l.item)))).toEqual(new Set(invalid.keys()));

    // one put-aside marker per letter that names its device (the data-quality rollup counts them); the
    // 200 messages without a readable device_id (none given, bad JSON) are dead letters only
    const markers = await stack.rows(`SELECT device_id, ${PUT_ASIDE_RECORDS.invalidColumn} AS invalid FROM "${stack.databaseName}"."${stack.tableName}" WHERE measure_name = '${PUT_ASIDE_RECORDS.measureName}'`);
    expect(markers).toHaveLength(letters.filter((l) => l.deviceId !== undefined).length);
    expect(markers).toHaveLength(300);
    expect(new Set(markers.map((m) => m.invalid))).toEqual(new Set(['1']));

    expect(emfSum(stack.lambda.output, PIPELINE_METRICS.messagesInvalid)).toBe(500);
    expect(emfSum(stack.lambda.output, PIPELINE_METRICS.readingsIngested)).toBe(9_700);
    // 970 readings per batch: 10 requests of at most 100 records each
    expect(emfSum(stack.lambda.output, PIPELINE_METRICS.writeRecordsCalls)).toBe(100);
    const warnings = stack.lambda.output.filter((l) => l.includes('invalid message put aside'));
    expect(warnings).toHaveLength(500);
  });
});
