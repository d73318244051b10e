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
      maxInFlight: maxInFlightFor(config.devices),
      groundTruth: overrides.groundTruth,
    },
    target,
  );
}

/**
 * Sends in flight at once over the fleet: a bound on memory, not a throttle. Each device gets a window
 * of its own (a real device does not wait for one PUBACK before its next reading), so a fleet of a
 * thousand devices is not held to the PUBACK latency of 256 messages.
 */
export function maxInFlightFor(devices: number): number {
  return Math.max(256, devices * IN_FLIGHT_PER_DEVICE);
}

const IN_FLIGHT_PER_DEVICE = 8;
