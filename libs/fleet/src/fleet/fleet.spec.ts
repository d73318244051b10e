import { MEASURES } from '@iot-timeseries/schema';
import { buildFleet, RECIPE_DEVICES } from './devices';
import { DEFAULT_FAULT_RATES, NO_FAULTS, type FaultRates } from './faults';
import { Fleet, type FleetOptions } from './fleet';
import { MemoryTarget } from '../testing';

function options(overrides: Partial<FleetOptions> = {}): FleetOptions {
  return {
    devices: RECIPE_DEVICES,
    seed: '7',
    intervalMs: 2,
    rounds: 40,
    ratePerSecond: 0,
    faults: NO_FAULTS,
    timeScale: 1,
    signalEpoch: Date.UTC(2026, 0, 1, 12),
    stagger: false,
    failureRampReadings: 10,
    keepLedger: true,
    maxInFlight: 8,
    ...overrides,
  };
}

describe('buildFleet', () => {
  it('is the recipe fleet by default and grows to thousands with unique ids', () => {
    expect(buildFleet(5)).toEqual(RECIPE_DEVICES);
    const big = buildFleet(2000);
    expect(new Set(big.map((d) => d.deviceId)).size).toBe(2000);
    expect(big[0].deviceId).toBe('sensor-0001');
    expect(new Set(big.map((d) => d.location)).size).toBe(80);
    expect(() => buildFleet(0)).toThrow(/at least one device/);
  });
});

describe('Fleet', () => {
  it('sends rounds x devices recipe-shaped messages with plausible values', async () => {
    const target = new MemoryTarget();
    const fleet = new Fleet(options({ rounds: 10 }), target);
    await fleet.run();
    expect(target.received).toHaveLength(50);
    expect(target.opened).toBe(1);
    expect(target.closed).toBe(1);
    for (const m of target.received) {
      expect(Object.keys(m).sort()).toEqual(['device_id', 'location', 'sensors', 'timestamp']);
      expect(new Date(m.timestamp).toISOString()).toBe(m.timestamp);
      for (const [name, value] of Object.entries(m.sensors)) {
        const def = MEASURES[name as keyof typeof MEASURES];
        expect(typeof value).toBe('number');
        expect(value as number).toBeGreaterThanOrEqual(def.min);
        expect(value as number).toBeLessThanOrEqual(def.max);
      }
    }
    // factories are warmer than warehouses
    const mean = (prefix: string) => {
      const t = target.received.filter((m) => m.location.startsWith(prefix)).map((m) => m.sensors.temperature as number);
      return t.reduce((a, b) => a + b, 0) / t.length;
    };
    expect(mean('factory')).toBeGreaterThan(mean('warehouse'));
  });

  it('is deterministic for a seed (values, faults), and differs for another seed', async () => {
    const faults: FaultRates = { ...DEFAULT_FAULT_RATES, anomalyRate: 0.1, duplicateRate: 0.1, lateRate: 0.1, invalidRate: 0.1 };
    const run = async (seed: string) => {
      const target = new MemoryTarget();
      const fleet = new Fleet(options({ seed, faults }), target);
      await fleet.run();
      return { values: target.received.map((m) => `${m.device_id}:${JSON.stringify(m.sensors)}`).sort(), summary: fleet.ledger.summary };
    };
    const a = await run('same');
    const b = await run('same');
    const c = await run('other');
    expect(a.values).toEqual(b.values);
    expect({ ...a.summary }).toEqual({ ...b.summary });
    expect(a.values).not.toEqual(c.values);
  });

  it('injects duplicates, late out-of-order messages, invalid values and anomalies at the set rates', async () => {
    const faults: FaultRates = { ...NO_FAULTS, anomalyRate: 0.05, duplicateRate: 0.05, lateRate: 0.05, invalidRate: 0.05 };
    const target = new MemoryTarget();
    const fleet = new Fleet(options({ rounds: 200, intervalMs: 1, faults }), target);
    await fleet.run();
    const s = fleet.ledger.summary;
    const readings = 5 * 200;
    for (const count of [s.duplicates, s.late, s.invalid, s.anomalies]) {
      expect(count).toBeGreaterThan(readings * 0.02);
      expect(count).toBeLessThan(readings * 0.09);
    }
    expect(s.readings + s.invalid).toBe(readings);
    expect(target.received).toHaveLength(readings + s.duplicates);
    // duplicates are identical messages
    const keys = target.received.map((m) => JSON.stringify(m));
    expect(keys.length - new Set(keys).size).toBe(s.duplicates);
    // late messages arrive after newer readings of the same device
    const order = target.received.filter((m) => m.device_id === 'sensor-001').map((m) => m.timestamp);
    expect(order).not.toEqual([...order].sort());
    for (const a of fleet.ledger.anomalies()) expect(['temperature', 'vibration']).toContain(a.measure);
  });

  it('lets vibration rise before a failure, then goes silent for the repair', async () => {
    const target = new MemoryTarget();
    const fleet = new Fleet(options({ devices: RECIPE_DEVICES.slice(0, 1), rounds: 300, intervalMs: 1, faults: { ...NO_FAULTS, failureRate: 0.02 }, failureRampReadings: 30 }), target);
    await fleet.run();
    const vib = target.received.map((m) => m.sensors.vibration as number);
    expect(Math.max(...vib)).toBeGreaterThan(0.4);
    expect(Math.min(...vib)).toBeLessThan(0.1);
    expect(target.received.length).toBeLessThan(300);
  });

  it('stops and resumes a device on request, and stops on duration', async () => {
    const target = new MemoryTarget();
    const fleet = new Fleet(options({ rounds: undefined, durationMs: 150, intervalMs: 5 }), target);
    fleet.stopDevice('sensor-003');
    const running = fleet.run();
    await new Promise((r) => setTimeout(r, 60));
    const before = target.received.filter((m) => m.device_id === 'sensor-003').length;
    fleet.resumeDevice('sensor-003');
    await running;
    expect(before).toBe(0);
    expect(target.received.filter((m) => m.device_id === 'sensor-003').length).toBeGreaterThan(0);
    expect(fleet.stats().messagesSent).toBe(target.received.length);
    expect(() => fleet.stopDevice('nope')).toThrow(/no device nope/);
  });

  it('limits the rate', async () => {
    const target = new MemoryTarget();
    const fleet = new Fleet(options({ rounds: 100, intervalMs: 0, ratePerSecond: 100 }), target);
    const started = Date.now();
    await fleet.run();
    // 500 messages at 100/s with a one-second burst allowance take about 4 s; allow slack below.
    expect(Date.now() - started).toBeGreaterThan(3000);
  }, 15_000);

  it('counts failed sends and keeps going', async () => {
    const target = new MemoryTarget();
    let n = 0;
    target.send = async (_d, m) => {
      if (n++ % 2 === 0) throw new Error('broker down');
      target.received.push(m);
    };
    const fleet = new Fleet(options({ rounds: 4 }), target);
    await fleet.run();
    expect(fleet.stats()).toMatchObject({ failedSends: 10, messagesSent: 10, lastError: 'broker down' });
  });

  it('keeps at most maxInFlight sends unsettled, and resolves run() only once every send settled', async () => {
    const target = new MemoryTarget();
    let inFlight = 0;
    let most = 0;
    let settled = 0;
    target.send = async (_d, m) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 3));
      inFlight--;
      settled++;
      target.received.push(m);
    };
    const fleet = new Fleet(options({ rounds: 20, intervalMs: 0, maxInFlight: 3 }), target);
    await fleet.run();
    expect(most).toBe(3);
    expect(settled).toBe(100);
    expect(fleet.stats().messagesSent).toBe(100);
  });
});
