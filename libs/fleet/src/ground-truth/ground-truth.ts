/**
 * The ground truth of a run: when each injected failure, anomaly and dropout happened, so what a
 * detector reports can be measured against it. Times are epoch ms of message time (the devices
 * stamp their messages with the wall clock; only the signals' clock runs `timeScale` times faster).
 */
export type GroundTruthKind = 'failure' | 'anomaly' | 'dropout';

interface TruthBase {
  deviceId: string;
  location: string;
  /** When it began. */
  start: number;
  /** When it ended; absent when it was still going on at the end of the run. */
  end?: number;
}

/** A machine wore out (vibration rising over `failureRampReadings` readings from `start`), failed at `end`, silent until `repairedAt`. */
export interface FailureTruth extends TruthBase {
  kind: 'failure';
  measure: 'vibration';
  /** When the device was back after the repair (absent: still silent at the end of the run). */
  repairedAt?: number;
}

/** One reading with a spike on `measure` (at `start` = `end`, the reading's time). */
export interface AnomalyTruth extends TruthBase {
  kind: 'anomaly';
  measure: string;
  value: number;
}

/** The device sent nothing from `start` until `end` (its next reading). */
export interface DropoutTruth extends TruthBase {
  kind: 'dropout';
}

export type GroundTruthEvent = FailureTruth | AnomalyTruth | DropoutTruth;

/** What a run was: enough to turn message time into the signals' (simulated) time. */
export interface GroundTruthRun {
  seed: string;
  devices: number;
  intervalMs: number;
  /** Simulated time runs this many times faster than message time. */
  timeScale: number;
  failureRampReadings: number;
  /** The signals' clock at the first reading (epoch ms). */
  signalEpoch: number;
  /** Message time when the run started and (once it is over) ended. */
  startedAt: number;
  endedAt?: number;
}

export interface GroundTruth {
  run: GroundTruthRun;
  events: GroundTruthEvent[];
}

/** Where a fleet reports its ground truth as it happens. */
export interface GroundTruthSink {
  start(run: GroundTruthRun): void;
  record(event: GroundTruthEvent): void;
  /** The run is over (`endedAt`): the events still open are recorded without an end first. */
  end(endedAt: number): Promise<void>;
}

/** Keeps the ground truth in memory (tests, or a run evaluated in the same process). */
export class GroundTruthRecorder implements GroundTruthSink {
  run?: GroundTruthRun;
  readonly events: GroundTruthEvent[] = [];

  start(run: GroundTruthRun): void {
    this.run = { ...run };
  }

  record(event: GroundTruthEvent): void {
    this.events.push(event);
  }

  async end(endedAt: number): Promise<void> {
    if (this.run) this.run.endedAt = endedAt;
  }

  of(kind: 'failure'): FailureTruth[];
  of(kind: 'anomaly'): AnomalyTruth[];
  of(kind: 'dropout'): DropoutTruth[];
  of(kind: GroundTruthKind): GroundTruthEvent[] {
    return this.events.filter((e) => e.kind === kind);
  }
}

/** Sends the ground truth to several sinks (the memory recorder and a file). */
export function teeGroundTruth(sinks: readonly GroundTruthSink[]): GroundTruthSink {
  return {
    start: (run) => sinks.forEach((s) => s.start(run)),
    record: (event) => sinks.forEach((s) => s.record(event)),
    end: async (endedAt) => {
      await Promise.all(sinks.map((s) => s.end(endedAt)));
    },
  };
}
