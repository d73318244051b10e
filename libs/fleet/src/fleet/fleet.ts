import type { Target } from '../targets/target';
import { Prng } from '../random/prng';
import { DeviceSimulator, type Outgoing } from './device-simulator';
import type { DeviceSpec } from './devices';
import type { FaultRates } from './faults';
import { Ledger } from './ledger';
import { RateLimiter } from './rate-limiter';
import { GroundTruthRecorder, teeGroundTruth, type GroundTruthSink } from '../ground-truth/ground-truth';

export interface FleetOptions {
  devices: readonly DeviceSpec[];
  seed: string;
  /** Each device takes a reading every `intervalMs`. */
  intervalMs: number;
  /** Stop after this many readings per device (the recipe: 10). */
  rounds?: number;
  /** Stop after this long. */
  durationMs?: number;
  /** Most messages per second over the whole fleet (0 = no limit). */
  ratePerSecond: number;
  faults: FaultRates;
  timeScale: number;
  /** The signals' virtual clock at the first reading (default: now). Fix it, with the seed, to repeat a run exactly. */
  signalEpoch?: number;
  /** Spread devices over the interval (true) or send all devices back to back each round (the recipe). */
  stagger: boolean;
  failureRampReadings: number;
  /** Keep every sent message in memory (tests); otherwise only counts. */
  keepLedger: boolean;
  /** Most sends in flight at once. */
  maxInFlight: number;
  /** Where the ground truth (each injected failure, anomaly and dropout) goes as it happens, e.g. `openGroundTruthFile`. */
  groundTruth?: GroundTruthSink;
}

export interface FleetStats {
  elapsedMs: number;
  devices: number;
  silentDevices: number;
  messagesSent: number;
  messagesPerSecond: number;
  duplicates: number;
  late: number;
  invalid: number;
  anomalies: number;
  failedSends: number;
  lastError?: string;
}

/** Runs a fleet of simulated devices against a target until its rounds or duration are done, or stop(). */
export class Fleet {
  readonly ledger: Ledger;
  /** The ground truth in memory (kept with `keepLedger`, like the ledger). */
  readonly groundTruth = new GroundTruthRecorder();
  private readonly truth: GroundTruthSink;
  private readonly signalEpoch: number;
  readonly devices: DeviceSimulator[];
  private readonly nextDue = new Map<DeviceSimulator, number>();
  private readonly ticks = new Map<DeviceSimulator, number>();
  private readonly limiter: RateLimiter;
  private running = false;
  private stopRequested = false;
  private wake?: () => void;
  private startedAt = 0;
  /** Sends not yet settled, and who waits for one of them to settle (a counter: no Promise.race over hundreds of promises per send). */
  private inFlight = 0;
  private slotWaiters: (() => void)[] = [];
  private lastError?: string;
  private recentSends: number[] = [];
  private readonly byId: Map<string, DeviceSimulator>;

  constructor(
    private readonly options: FleetOptions,
    private readonly target: Target,
  ) {
    const root = new Prng(options.seed);
    const signalEpoch = options.signalEpoch ?? Date.now();
    this.signalEpoch = signalEpoch;
    this.truth = teeGroundTruth([...(options.keepLedger ? [this.groundTruth] : []), ...(options.groundTruth ? [options.groundTruth] : [])]);
    const onTruth = this.truth.record;
    this.devices = options.devices.map(
      (spec) =>
        new DeviceSimulator(spec, root.fork(spec.deviceId), {
          faults: options.faults,
          timeScale: options.timeScale,
          signalEpoch,
          intervalMs: options.intervalMs,
          failureRampReadings: options.failureRampReadings,
          onTruth,
        }),
    );
    this.byId = new Map(this.devices.map((d) => [d.spec.deviceId, d]));
    this.ledger = new Ledger(options.keepLedger);
    this.limiter = new RateLimiter(options.ratePerSecond);
  }

  /** Runs to the end; resolves when done (and everything sent has been acknowledged). */
  async run(): Promise<void> {
    if (this.running) throw new Error('the fleet is already running');
    this.running = true;
    this.startedAt = Date.now();
    const o = this.options;
    this.truth.start({ seed: o.seed, devices: o.devices.length, intervalMs: o.intervalMs, timeScale: o.timeScale, failureRampReadings: o.failureRampReadings, signalEpoch: this.signalEpoch, startedAt: this.startedAt });
    await this.target.open(this.options.devices);
    const n = this.devices.length;
    this.devices.forEach((d, i) => {
      this.nextDue.set(d, this.startedAt + (this.options.stagger ? Math.floor((i * this.options.intervalMs) / n) : 0));
      this.ticks.set(d, 0);
    });
    try {
      while (!this.stopRequested && !this.finished()) {
        const now = Date.now();
        let soonest = Infinity;
        for (const device of this.devices) {
          if (this.roundsDone(device)) continue;
          const due = this.nextDue.get(device) ?? now;
          if (due <= now) {
            this.ticks.set(device, this.ticksOf(device) + 1);
            this.nextDue.set(device, Math.max(due + this.options.intervalMs, now + 1));
            for (const outgoing of device.tick(Math.max(now, due))) await this.send(outgoing);
            if (this.stopRequested) break;
          }
          soonest = Math.min(soonest, this.nextDue.get(device) ?? now);
        }
        const wait = Math.min(250, Math.max(0, soonest - Date.now()));
        if (wait > 0) await this.sleep(wait);
      }
      for (const device of this.devices) for (const outgoing of device.flush()) await this.send(outgoing);
      while (this.inFlight > 0) await this.slotFreed();
    } finally {
      for (const device of this.devices) for (const event of device.openTruth()) this.truth.record(event);
      await this.truth.end(Date.now());
      await this.target.close();
      this.running = false;
    }
  }

  /** Asks the fleet to stop; run() resolves after in-flight sends settle. */
  stop(): void {
    this.stopRequested = true;
    this.wake?.();
  }

  /** Silences one device (as if unplugged) until resumeDevice. */
  stopDevice(deviceId: string): void {
    this.device(deviceId).stopped = true;
  }

  resumeDevice(deviceId: string): void {
    this.device(deviceId).stopped = false;
  }

  stats(): FleetStats {
    const s = this.ledger.summary;
    const now = Date.now();
    this.recentSends = this.recentSends.filter((t) => t > now - 10_000);
    const window = Math.min(10_000, Math.max(1, now - this.startedAt));
    return {
      elapsedMs: this.startedAt ? now - this.startedAt : 0,
      devices: this.devices.length,
      silentDevices: this.devices.filter((d) => d.silent).length,
      messagesSent: s.messagesSent,
      messagesPerSecond: Math.round((this.recentSends.length / window) * 10_000) / 10,
      duplicates: s.duplicates,
      late: s.late,
      invalid: s.invalid,
      anomalies: s.anomalies,
      failedSends: s.failedSends,
      lastError: this.lastError,
    };
  }

  private device(deviceId: string): DeviceSimulator {
    const device = this.byId.get(deviceId);
    if (!device) throw new RangeError(`no device ${deviceId} in the fleet`);
    return device;
  }

  private roundsDone(device: DeviceSimulator): boolean {
    return this.options.rounds !== undefined && this.ticksOf(device) >= this.options.rounds;
  }

  private ticksOf(device: DeviceSimulator): number {
    return this.ticks.get(device) ?? 0;
  }

  private finished(): boolean {
    if (this.options.durationMs !== undefined && Date.now() - this.startedAt >= this.options.durationMs) return true;
    return this.options.rounds !== undefined && this.devices.every((d) => this.roundsDone(d));
  }

  private async send(outgoing: Outgoing): Promise<void> {
    for (let wait = this.limiter.take(); wait > 0; wait = this.limiter.take()) await this.sleep(wait);
    while (this.inFlight >= this.options.maxInFlight) await this.slotFreed();
    const device = this.device(outgoing.deviceId);
    this.inFlight++;
    void this.target
      .send(device.spec, outgoing.message)
      .then(
        () => {
          this.ledger.record(outgoing, true);
          this.recentSends.push(Date.now());
          if (this.recentSends.length > 200_000) this.recentSends.splice(0, 100_000);
        },
        (error: Error) => {
          this.ledger.record(outgoing, false);
          this.lastError = error.message;
        },
      )
      .finally(() => {
        this.inFlight--;
        this.slotWaiters.shift()?.();
      });
  }

  /** Resolves when one send in flight has settled. */
  private slotFreed(): Promise<void> {
    return new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
