import { buildFleet, Fleet, type GroundTruthSink, type Target } from '@iot-timeseries/fleet';
import type { SimulatorConfig } from '../config';

export function fleetFromConfig(config: SimulatorConfig, target: Target, overrides: { keepLedger?: boolean; groundTruth?: GroundTruthSink } = {}): Fleet {
  return new Fleet(
    {
      devices: buildFleet(config.devices),
      seed: config.seed,
      intervalMs: config.intervalMs,
      rounds: config.rounds,
      durationMs: config.durationMs,
      ratePerSecond: config.ratePerSecond,
      faults: config.faults,
      timeScale: config.timeScale,
      signalEpoch: config.signalEpoch,
      stagger: config.command === 'serve' || config.devices > 5,
      failureRampReadings: 120,
      keepLedger: overrides.keepLedger ?? false,
      maxInFlight: 256,
      groundTruth: overrides.groundTruth,
    },
    target,
  );
}
