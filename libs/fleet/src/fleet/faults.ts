/** How often each kind of trouble happens, per reading (0..1). */
export interface FaultRates {
  /** A reading with a spike (temperature, or vibration) far outside the device's normal range. */
  anomalyRate: number;
  /** The device goes silent for a while (a few to a few dozen intervals). */
  dropoutRate: number;
  /** A reading is held back and delivered a few intervals later (late and out of order). */
  lateRate: number;
  /** A reading is delivered twice. */
  duplicateRate: number;
  /** A reading carries a value the pipeline must refuse (out of range, not a number, bad timestamp). */
  invalidRate: number;
  /** The machine starts wearing out: vibration rises over `failureRampReadings`, then it fails and is repaired. */
  failureRate: number;
}

export const DEFAULT_FAULT_RATES: FaultRates = {
  anomalyRate: 0.01,
  dropoutRate: 0.002,
  lateRate: 0.01,
  duplicateRate: 0.01,
  invalidRate: 0.005,
  failureRate: 0.001,
};

export const NO_FAULTS: FaultRates = { anomalyRate: 0, dropoutRate: 0, lateRate: 0, duplicateRate: 0, invalidRate: 0, failureRate: 0 };

export type InvalidKind = 'out-of-range' | 'not-a-number' | 'bad-timestamp';
export const INVALID_KINDS: readonly InvalidKind[] = ['out-of-range', 'not-a-number', 'bad-timestamp'];
