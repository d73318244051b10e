/** Test helpers for projects that consume libs/schema: fixtures and fast-check arbitraries. */
import fc from 'fast-check';
import { MEASURES, MEASURE_NAMES, type MeasureName } from './measures';
import type { SensorReading } from './sensor-reading';

/** The recipe's sample payloads, exactly as it sends them. */
export const RECIPE_PAYLOADS = {
  /** Direct Lambda invocation (validation step 2). */
  directInvocation: {
    device_id: 'test-sensor-001',
    location: 'test-location',
    sensors: { temperature: 23.5, humidity: 68.0, pressure: 1015.0, vibration: 0.03 },
  },
  /** Published to IoT Core on topic/sensors (validation step 4). */
  iotCorePublish: {
    device_id: 'iot-sensor-001',
    location: 'production-line-1',
    timestamp: '2024-01-01T12:00:00Z',
    temperature: 26.5,
    humidity: 72.0,
    pressure: 1012.0,
  },
} as const;

/** The recipe's five devices. */
export const RECIPE_DEVICES = [
  { deviceId: 'sensor-001', location: 'factory-floor-1' },
  { deviceId: 'sensor-002', location: 'factory-floor-1' },
  { deviceId: 'sensor-003', location: 'factory-floor-2' },
  { deviceId: 'sensor-004', location: 'warehouse-1' },
  { deviceId: 'sensor-005', location: 'warehouse-2' },
] as const;

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/);
const recentTime = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) });
// -0 is written as "0": equal as a measurement, so generate +0 only.
const measureValue = (m: MeasureName) =>
  fc.double({ min: MEASURES[m].min, max: MEASURES[m].max, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
const measures = fc
  .subarray(MEASURE_NAMES, { minLength: 1 })
  .chain((names) => fc.tuple(...names.map((n) => measureValue(n).map((v) => [n, v] as const))))
  .map((entries) => Object.fromEntries(entries) as Record<string, number>);

/** A valid SensorReading. */
export const sensorReadingArb: fc.Arbitrary<SensorReading> = fc.record({
  deviceId: name,
  location: name,
  time: recentTime,
  timeFromReceipt: fc.boolean(),
  measures,
});

/** A valid message of shape (a), (b) or (c), with an ISO, epoch-ms or absent timestamp. */
export const validMessageArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    device_id: name,
    location: name,
    time: fc.option(recentTime, { nil: undefined }),
    iso: fc.boolean(),
    measures,
    shape: fc.constantFrom('sensors', 'measurement', 'flat'),
  })
  .map(({ device_id, location, time, iso, measures: m, shape }) => {
    const base: Record<string, unknown> = { device_id, location };
    if (time !== undefined) base.timestamp = iso ? new Date(time).toISOString() : time;
    if (shape === 'sensors') return { ...base, sensors: m };
    if (shape === 'measurement') {
      const [metric, value] = Object.entries(m)[0];
      return { ...base, metric_name: metric, measurement: value };
    }
    return { ...base, ...m };
  });

/** Ways to spoil a valid flat message, each with the reason fragment validation must give. */
export interface Spoiler {
  spoil: (m: Record<string, unknown>) => Record<string, unknown>;
  reason: string;
  /** true: the whole message is refused; false: only the named measure is (the rest is still a valid reading). */
  refusesMessage: boolean;
}
export const SPOILERS: readonly Spoiler[] = [
  { spoil: ({ device_id: _d, ...m }) => m, reason: 'device_id is missing', refusesMessage: true },
  { spoil: (m) => ({ ...m, humidity: 140 }), reason: 'humidity 140 is outside the plausible range', refusesMessage: false },
  { spoil: (m) => ({ ...m, temperature: 'hot' }), reason: 'temperature must be a number', refusesMessage: false },
  { spoil: (m) => ({ ...m, timestamp: '2024-01-01T12:00:00' }), reason: 'has no time zone', refusesMessage: true },
  { spoil: (m) => ({ ...m, location: '' }), reason: 'location is empty', refusesMessage: true },
];

/**
 * `count` flat messages from `devices` devices, one reading each at distinct times; every
 * `1/invalidFraction`-th one spoiled (cycling through `spoilers`, default SPOILERS). Deterministic.
 * Returns the messages and, for each spoiled index, its spoiler (reason and whether it refuses the message).
 */
export function makeMessages(
  count: number,
  options: { devices?: number; invalidFraction?: number; startTime?: number; stepMs?: number; spoilers?: readonly Spoiler[] } = {},
) {
  const spoilers = options.spoilers ?? SPOILERS;
  const devices = options.devices ?? 5;
  const every = options.invalidFraction ? Math.round(1 / options.invalidFraction) : 0;
  const start = options.startTime ?? Date.now() - count * (options.stepMs ?? 1000);
  const messages: Record<string, unknown>[] = [];
  const invalid = new Map<number, Spoiler>();
  for (let i = 0; i < count; i++) {
    const d = i % devices;
    let message: Record<string, unknown> = {
      device_id: `sensor-${String(d + 1).padStart(4, '0')}`,
      location: `site-${d % 7}`,
      timestamp: start + i * (options.stepMs ?? 1000),
      temperature: 20 + (i % 50) / 10,
      humidity: 40 + (i % 30),
      pressure: 1000 + (i % 20),
      vibration: 0.01 + (i % 10) / 100,
    };
    if (every > 0 && i % every === every - 1) {
      const spoiler = spoilers[invalid.size % spoilers.length];
      message = spoiler.spoil(message);
      invalid.set(i, spoiler);
    }
    messages.push(message);
  }
  return { messages, invalid };
}
