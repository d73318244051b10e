import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RECIPE_DEVICES } from '../fleet/devices';
import { NO_FAULTS } from '../fleet/faults';
import { Fleet, type FleetOptions } from '../fleet/fleet';
import type { SensorMessage } from '../fleet/sensor-message';
import { GroundTruthFileError } from '../errors';
import { MemoryTarget } from '../testing';
import { openGroundTruthFile, parseGroundTruth, readGroundTruth } from './ground-truth-file';

const options = (overrides: Partial<FleetOptions>): FleetOptions => ({
  devices: RECIPE_DEVICES.slice(0, 2),
  seed: 'truth-1',
  intervalMs: 1,
  rounds: 1500,
  ratePerSecond: 0,
  faults: NO_FAULTS,
  timeScale: 60,
  signalEpoch: Date.UTC(2026, 0, 1),
  stagger: false,
  failureRampReadings: 40,
  keepLedger: true,
  maxInFlight: 8,
  ...overrides,
});

const timesOf = (messages: readonly SensorMessage[], deviceId: string) => messages.filter((m) => m.device_id === deviceId).map((m) => ({ t: Date.parse(m.timestamp), m }));

describe('the ground truth of a run', () => {
  it('records each failure: vibration rises over the ramp from its start, the device is silent from the failure to the repair', async () => {
    const target = new MemoryTarget();
    const fleet = new Fleet(options({ faults: { ...NO_FAULTS, failureRate: 0.01 } }), target);
    await fleet.run();
    const failures = fleet.groundTruth.of('failure').filter((f) => f.repairedAt !== undefined);
    expect(failures.length).toBeGreaterThanOrEqual(4);
    for (const f of failures) {
      const end = f.end ?? NaN;
      const repaired = f.repairedAt ?? NaN;
      expect(f.start).toBeLessThan(end);
      expect(end).toBeLessThan(repaired);
      const device = timesOf(target.received, f.deviceId);
      const ramp = device.filter(({ t }) => t >= f.start && t < end).map(({ m }) => m.sensors.vibration as number);
      // one reading per tick from the first (wear 0) to the last before the failure
      expect(ramp).toHaveLength(41);
      expect(ramp[ramp.length - 1]).toBeGreaterThan(ramp[0] + 0.3);
      expect(device.filter(({ t }) => t >= end && t < repaired)).toEqual([]);
      const after = device.find(({ t }) => t === repaired);
      expect(after?.m.sensors.vibration).toBeLessThan(0.1);
    }
    expect(fleet.groundTruth.run).toMatchObject({ seed: 'truth-1', devices: 2, intervalMs: 1, timeScale: 60, failureRampReadings: 40, signalEpoch: Date.UTC(2026, 0, 1) });
    expect(fleet.groundTruth.run?.endedAt).toBeGreaterThanOrEqual(fleet.groundTruth.run?.startedAt ?? Infinity);
  });

  it('records each dropout (nothing sent from its start until its end) and each anomaly as the ledger has it', async () => {
    const target = new MemoryTarget();
    const fleet = new Fleet(options({ rounds: 800, faults: { ...NO_FAULTS, dropoutRate: 0.01, anomalyRate: 0.02 } }), target);
    await fleet.run();
    const dropouts = fleet.groundTruth.of('dropout').filter((d) => d.end !== undefined);
    expect(dropouts.length).toBeGreaterThanOrEqual(5);
    for (const d of dropouts) {
      const device = timesOf(target.received, d.deviceId);
      expect(device.filter(({ t }) => t >= d.start && t < (d.end ?? NaN))).toEqual([]);
      expect(device.some(({ t }) => t === d.end)).toBe(true);
    }
    const anomalies = fleet.groundTruth.of('anomaly');
    expect(anomalies.length).toBeGreaterThan(10);
    expect(anomalies.map((a) => ({ deviceId: a.deviceId, time: a.start, measure: a.measure, value: a.value }))).toEqual(fleet.ledger.anomalies());
    for (const a of anomalies) expect(timesOf(target.received, a.deviceId).find(({ t }) => t === a.start)?.m.sensors[a.measure]).toBe(a.value);
  });

  it('writes a JSON-lines file that reads back to the same events, open ones last without an end', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'truth-'));
    try {
      const file = path.join(dir, 'nested', 'truth.jsonl');
      const fleet = new Fleet(options({ rounds: 700, groundTruth: await openGroundTruthFile(file), faults: { ...NO_FAULTS, failureRate: 0.01, dropoutRate: 0.005, anomalyRate: 0.01 } }), new MemoryTarget());
      await fleet.run();
      const back = await readGroundTruth(file);
      expect(back.run).toEqual(fleet.groundTruth.run);
      expect(back.events).toEqual(fleet.groundTruth.events);
      expect(new Set(back.events.map((e) => e.kind))).toEqual(new Set(['failure', 'anomaly', 'dropout']));
      const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      expect(lines[0]).toMatchObject({ v: 1, type: 'run', seed: 'truth-1', signalEpoch: '2026-01-01T00:00:00.000Z' });
      expect(lines[lines.length - 1]).toMatchObject({ v: 1, type: 'end' });
      const open = back.events.filter((e) => e.end === undefined);
      expect(back.events.slice(back.events.length - open.length)).toEqual(open);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the line and the field of a file that is not a ground truth', async () => {
    const run = '{"v":1,"type":"run","seed":"s","devices":1,"intervalMs":1000,"timeScale":60,"failureRampReadings":120,"signalEpoch":"2026-01-01T00:00:00Z","startedAt":"2026-01-01T00:00:00Z"}';
    const event = (fields: object) => JSON.stringify({ v: 1, type: 'dropout', deviceId: 'd', location: 'l', start: '2026-01-01T00:00:01Z', end: '2026-01-01T00:00:05Z', ...fields });
    expect(parseGroundTruth(`${run}\n${event({})}\n`).events).toEqual([{ kind: 'dropout', deviceId: 'd', location: 'l', start: Date.parse('2026-01-01T00:00:01Z'), end: Date.parse('2026-01-01T00:00:05Z') }]);
    expect(() => parseGroundTruth(`${run}\n${event({ start: 'yesterday' })}`, 'f.jsonl')).toThrow('f.jsonl:2: start is not an ISO time: "yesterday"');
    expect(() => parseGroundTruth(`${run}\n${event({ end: '2026-01-01T00:00:00Z' })}`)).toThrow(/:2: end is before start/);
    expect(() => parseGroundTruth(`${run}\n${event({ type: 'anomaly', value: 3 })}`)).toThrow(/:2: measure must be a non-empty string/);
    expect(() => parseGroundTruth(`${run}\n${event({ type: 'fire' })}`)).toThrow(/type must be run, failure, anomaly, dropout or end, got "fire"/);
    expect(() => parseGroundTruth(event({}))).toThrow(/:1: type the first line must describe the run/);
    expect(() => parseGroundTruth(`${run}\n{not json`)).toThrow(GroundTruthFileError);
    expect(() => parseGroundTruth(run.replace('"v":1', '"v":2'))).toThrow(/:1: v must be 1, got 2/);
    const dir = await mkdtemp(path.join(tmpdir(), 'truth-'));
    try {
      await writeFile(path.join(dir, 'empty.jsonl'), '');
      await expect(readGroundTruth(path.join(dir, 'empty.jsonl'))).rejects.toThrow(/has no run line/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
