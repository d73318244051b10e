import fc from 'fast-check';
import { RECIPE_PAYLOADS, SPOILERS, makeMessages, validMessageArb } from '../testing';
import { validateMessages, validateMessageText } from './validate-messages';

const NOW = Date.UTC(2026, 10, 25, 12);
const base = { device_id: 'sensor-001', location: 'factory-floor-1', timestamp: '2026-11-25T11:00:00Z' };

describe('validateMessages', () => {
  it('accepts the recipe payloads as they are', () => {
    const direct = validateMessages(RECIPE_PAYLOADS.directInvocation, { receivedAt: NOW });
    expect(direct.problems).toEqual([]);
    expect(direct.accepted).toEqual([
      {
        index: 0,
        reading: {
          deviceId: 'test-sensor-001',
          location: 'test-location',
          time: NOW,
          timeFromReceipt: true,
          measures: { temperature: 23.5, humidity: 68, pressure: 1015, vibration: 0.03 },
        },
      },
    ]);
    const iot = validateMessages(RECIPE_PAYLOADS.iotCorePublish, { receivedAt: NOW });
    expect(iot.problems).toEqual([]);
    expect(iot.accepted[0].reading).toMatchObject({ time: Date.UTC(2024, 0, 1, 12), timeFromReceipt: false, measures: { temperature: 26.5, humidity: 72, pressure: 1012 } });
  });

  it('normalizes the three shapes to the same reading', () => {
    const shapes = [
      { ...base, sensors: { temperature: 21.5 } },
      { ...base, measurement: 21.5, metric_name: 'temperature' },
      { ...base, temperature: 21.5 },
    ];
    const { accepted, problems } = validateMessages(shapes);
    expect(problems).toEqual([]);
    expect(accepted.map((a) => a.index)).toEqual([0, 1, 2]);
    const readings = accepted.map((a) => a.reading);
    expect(readings[1]).toEqual(readings[0]);
    expect(readings[2]).toEqual(readings[0]);
  });

  it('prefers the topic rule receive time over the caller receive time when there is no timestamp', () => {
    const { accepted } = validateMessages({ device_id: 'a', location: 'b', temperature: 1, received_at: NOW - 5000, client_id: 'a' }, { receivedAt: NOW });
    expect(accepted[0].reading).toMatchObject({ time: NOW - 5000, timeFromReceipt: true, measures: { temperature: 1 } });
  });

  const bad: Array<[string, unknown, string, string]> = [
    ['missing device_id', { location: 'x', temperature: 1 }, 'device_id', 'device_id is missing'],
    ['numeric device_id', { ...base, device_id: 42, temperature: 1 }, 'device_id', 'device_id must be a string, got 42'],
    ['empty location', { ...base, location: '  ', temperature: 1 }, 'location', 'location is empty'],
    ['oversized device_id', { ...base, device_id: 'd'.repeat(2049), temperature: 1 }, 'device_id', 'at most 2048 bytes'],
    ['control characters', { ...base, location: 'a\u0000b', temperature: 1 }, 'location', 'control characters'],
    ['lone surrogate', { ...base, device_id: 'a\uD800', temperature: 1 }, 'device_id', 'not valid UTF-8'],
    ['NaN', { ...base, temperature: NaN }, 'temperature', 'temperature must be a finite number, got NaN'],
    ['Infinity', { ...base, sensors: { pressure: Infinity } }, 'sensors.pressure', 'pressure must be a finite number, got Infinity'],
    ['string value', { ...base, humidity: '55' }, 'humidity', 'humidity must be a number, got string "55"'],
    ['boolean value', { ...base, sensors: { vibration: true } }, 'sensors.vibration', 'vibration must be a number, got boolean true'],
    ['humidity 140 %', { ...base, humidity: 140 }, 'humidity', 'humidity 140 is outside the plausible range 0..100 %RH'],
    ['unknown measure', { ...base, sensors: { rpm: 1200 } }, 'sensors.rpm', 'rpm is not a known measure'],
    ['zone-less timestamp', { ...base, timestamp: '2024-01-01T12:00:00', temperature: 1 }, 'timestamp', 'has no time zone'],
    ['unparseable timestamp', { ...base, timestamp: 'yesterday', temperature: 1 }, 'timestamp', 'is not an ISO-8601 date-time'],
    ['impossible date', { ...base, timestamp: '2024-02-30T00:00:00Z', temperature: 1 }, 'timestamp', 'not a valid calendar date-time'],
    ['epoch seconds', { ...base, timestamp: 1_700_000_000, temperature: 1 }, 'timestamp', 'looks like epoch seconds'],
    ['missing metric_name', { ...base, measurement: 3 }, 'metric_name', 'metric_name is missing'],
    ['sensors not an object', { ...base, sensors: [1, 2] }, 'sensors', 'sensors must be an object'],
    ['no measures', { ...base }, '', 'carries no measure'],
    ['another device publishing', { ...base, client_id: 'sensor-999', temperature: 1 }, 'device_id', 'does not match the publishing client "sensor-999"'],
    ['not an object', 'hello', '', 'a message must be a JSON object, got string "hello"'],
    ['empty array', [], '', 'empty array'],
    ['oversized message', { ...base, temperature: 1, note: 'x'.repeat(200_000) }, '', 'larger than the 131072-byte limit'],
  ];

  it.each(bad)('refuses %s with a reason naming the field', (_label, input, path, reason) => {
    const result = validateMessages(input, { receivedAt: NOW });
    expect(result.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path, reason: expect.stringContaining(reason) })]));
  });

  it('keeps the valid measures of a reading when one measure is bad', () => {
    const { accepted, problems } = validateMessages({ ...base, temperature: 21, humidity: 140 });
    expect(problems).toHaveLength(1);
    expect(accepted[0].reading.measures).toEqual({ temperature: 21 });
  });

  it('keeps the valid messages of an array and points each problem at its element', () => {
    const { accepted, problems } = validateMessages([{ ...base, temperature: 1 }, { location: 'x', temperature: 2 }, { ...base, temperature: 3 }]);
    expect(accepted.map((a) => [a.index, a.reading.measures.temperature])).toEqual([[0, 1], [2, 3]]);
    expect(problems).toEqual([{ index: 1, path: '[1].device_id', reason: 'device_id is missing' }]);
  });

  it('never throws and never accepts a reading outside the catalogue ranges, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withObjectString: true }), (input) => {
        const { accepted } = validateMessages(input);
        for (const { reading } of accepted) expect(Object.values(reading.measures).every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every generated valid message', () => {
    fc.assert(
      fc.property(validMessageArb, (message) => {
        const result = validateMessages(message);
        expect(result.problems).toEqual([]);
        expect(result.accepted).toHaveLength(1);
      }),
    );
  });

  it('finds exactly the spoiled messages made by makeMessages', () => {
    const { messages, invalid } = makeMessages(200, { invalidFraction: 0.05 });
    const { accepted, problems } = validateMessages(messages);
    expect(new Set(problems.map((p) => p.index))).toEqual(new Set(invalid.keys()));
    const refused = [...invalid].filter(([, s]) => s.refusesMessage).length;
    expect(accepted).toHaveLength(200 - refused);
    for (const p of problems) expect(p.reason).toContain(invalid.get(p.index)?.reason);
    expect(SPOILERS.length).toBeGreaterThan(1);
  });
});

describe('validateMessageText', () => {
  it('parses JSON text', () => {
    expect(validateMessageText(JSON.stringify(RECIPE_PAYLOADS.iotCorePublish)).accepted).toHaveLength(1);
  });
  it('reports bad JSON without throwing', () => {
    const { accepted, problems } = validateMessageText('{"device_id": ');
    expect(accepted).toEqual([]);
    expect(problems[0].reason).toMatch(/^the message is not valid JSON/);
  });
  it('refuses an oversized payload before parsing it', () => {
    const { problems } = validateMessageText(`{"device_id":"a","location":"b","x":"${'y'.repeat(140_000)}"}`);
    expect(problems[0].reason).toContain('larger than the 131072-byte limit');
  });
});
