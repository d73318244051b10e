import type { Prng } from '../random/prng';
import type { DeviceSpec } from './devices';
import { INVALID_KINDS, type FaultRates, type InvalidKind } from './faults';
import { buildMessage, type SensorMessage } from './sensor-message';
import { MEASURES } from '@iot-timeseries/schema';
import { clampRound, drawCharacter, readingsAt, type DeviceCharacter } from './signal-model';

export type OutgoingKind = 'reading' | 'duplicate' | 'late' | 'invalid';

export interface Outgoing {
  deviceId: string;
  kind: OutgoingKind;
  message: SensorMessage;
  /** Epoch ms the reading was taken (the message timestamp). */
  readingTime: number;
  anomaly?: { measure: string; value: number };
  invalid?: InvalidKind;
}

export interface DeviceSimulatorOptions {
  faults: FaultRates;
  /** Virtual time runs this many times faster than wall time for the signals (daily cycle, drift). */
  timeScale: number;
  /** Virtual time of the first reading (the signals' clock; wall time stamps the messages). */
  signalEpoch: number;
  /** Ms between readings, to advance the signals' clock by reading rather than by wall time (determinism). */
  intervalMs: number;
  /** Readings over which vibration rises before a failure. */
  failureRampReadings: number;
}

/** One device: takes a reading per tick, and misbehaves at the configured rates. */
export class DeviceSimulator {
  readonly character: DeviceCharacter;
  private silentTicks = 0;
  private wearTick = -1;
  private held: Array<{ releaseIn: number; outgoing: Outgoing }> = [];
  /** Stopped by the operator (not a simulated dropout): sends nothing until resumed. */
  stopped = false;
  readingsTaken = 0;
  private ticks = -1;

  constructor(
    readonly spec: DeviceSpec,
    private readonly random: Prng,
    private readonly options: DeviceSimulatorOptions,
  ) {
    this.character = drawCharacter(spec, random);
  }

  get wear(): number {
    return this.wearTick < 0 ? 0 : Math.min(1, this.wearTick / this.options.failureRampReadings);
  }

  get silent(): boolean {
    return this.stopped || this.silentTicks > 0;
  }

  /** The messages to publish at `now`: this tick's reading(s) plus held-back ones now due. */
  tick(now: number): Outgoing[] {
    this.ticks++;
    const out: Outgoing[] = [];
    for (const h of this.held) h.releaseIn--;
    const due = this.held.filter((h) => h.releaseIn <= 0);
    this.held = this.held.filter((h) => h.releaseIn > 0);
    if (this.stopped) return [];
    if (this.silentTicks > 0) {
      this.silentTicks--;
      return due.map((h) => h.outgoing);
    }
    const f = this.options.faults;
    const r = this.random;
    if (r.chance(f.dropoutRate)) {
      this.silentTicks = r.int(3, 30);
      return due.map((h) => h.outgoing);
    }
    this.advanceWear();
    const virtual = this.options.signalEpoch + this.ticks * Math.max(1, this.options.intervalMs) * this.options.timeScale;
    const readings = readingsAt(this.character, virtual, this.options.signalEpoch, this.wear, r);
    this.readingsTaken++;
    const message = buildMessage(this.spec.deviceId, this.spec.location, now, readings);
    const outgoing: Outgoing = { deviceId: this.spec.deviceId, kind: 'reading', message, readingTime: now };
    if (r.chance(f.invalidRate)) {
      outgoing.kind = 'invalid';
      outgoing.invalid = this.corrupt(message);
    } else if (r.chance(f.anomalyRate)) {
      outgoing.anomaly = this.spike(message);
    }
    if (outgoing.kind !== 'invalid' && r.chance(f.lateRate)) {
      this.held.push({ releaseIn: r.int(2, 8), outgoing: { ...outgoing, kind: 'late' } });
    } else {
      out.push(outgoing);
      if (outgoing.kind !== 'invalid' && r.chance(f.duplicateRate)) out.push({ ...outgoing, kind: 'duplicate' });
    }
    out.push(...due.map((h) => h.outgoing));
    return out;
  }

  /** Held-back readings still to be delivered (delivered by `flush` at the end of a run). */
  flush(): Outgoing[] {
    const rest = this.held.map((h) => h.outgoing);
    this.held = [];
    return rest;
  }

  private advanceWear(): void {
    if (this.wearTick >= 0) {
      this.wearTick++;
      if (this.wearTick > this.options.failureRampReadings) {
        // The machine fails: silent while it is repaired, then healthy again.
        this.wearTick = -1;
        this.silentTicks = this.random.int(10, 40);
      }
    } else if (this.random.chance(this.options.faults.failureRate)) {
      this.wearTick = 0;
    }
  }

  /** A spike far from the device's normal range, yet within the schema's plausible range (it is an anomaly, not an invalid reading). */
  private spike(message: SensorMessage): { measure: string; value: number } {
    const sensors = message.sensors as Record<string, number>;
    if (this.random.chance(0.75)) {
      const { min, max } = MEASURES.temperature;
      const up = this.random.chance(0.7);
      const size = this.random.uniform(12, 20);
      // Spike the other way when this way would leave the plausible range.
      const sign = (up && sensors.temperature + size <= max) || sensors.temperature - size < min ? 1 : -1;
      const value = clampRound(sensors.temperature + sign * size, min, max, 2);
      sensors.temperature = value;
      return { measure: 'temperature', value };
    }
    const value = clampRound(sensors.vibration * this.random.uniform(15, 40) + 1, MEASURES.vibration.min, MEASURES.vibration.max - 1, 4);
    sensors.vibration = value;
    return { measure: 'vibration', value };
  }

  private corrupt(message: SensorMessage): InvalidKind {
    const kind = this.random.pick(INVALID_KINDS);
    if (kind === 'out-of-range') message.sensors.humidity = Math.round(this.random.uniform(105, 180) * 10) / 10;
    else if (kind === 'not-a-number') message.sensors.temperature = this.random.pick(['NaN', 'error', 'n/a']);
    else message.timestamp = this.random.pick(['not-a-time', '2024-13-45T99:00:00Z', 'yesterday']);
    return kind;
  }
}
