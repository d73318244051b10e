import { MEASURES } from '@iot-timeseries/schema';
import type { Prng } from '../random/prng';
import type { DeviceSpec } from './devices';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Sensors are recalibrated this often (virtual time): drift builds up from zero again, so it stays bounded. */
export const CALIBRATION_INTERVAL_DAYS = 30;

export type Readings = { temperature: number; humidity: number; pressure: number; vibration: number };

/** The physical character of one device, drawn once from its own random stream. */
export interface DeviceCharacter {
  baseTemperature: number;
  dailyAmplitude: number;
  /** Hour of the day (0..24) the temperature peaks. */
  peakHour: number;
  /** Sensor drift in °C per day, since the last calibration. */
  driftPerDay: number;
  temperatureNoise: number;
  baseHumidity: number;
  basePressure: number;
  baseVibration: number;
}

export function drawCharacter(device: DeviceSpec, random: Prng): DeviceCharacter {
  const indoorsHot = device.location.startsWith('factory') || device.location.startsWith('assembly');
  const cold = device.location.startsWith('cold');
  return {
    baseTemperature: cold ? random.uniform(3, 6) : indoorsHot ? random.uniform(23, 27) : random.uniform(16, 20),
    dailyAmplitude: indoorsHot ? random.uniform(2, 3.5) : random.uniform(1, 2.5),
    peakHour: random.uniform(13, 16),
    driftPerDay: random.uniform(-0.4, 0.4),
    temperatureNoise: random.uniform(0.1, 0.25),
    baseHumidity: cold ? random.uniform(70, 80) : random.uniform(40, 58),
    basePressure: random.uniform(1008, 1018),
    baseVibration: indoorsHot ? random.uniform(0.03, 0.06) : random.uniform(0.01, 0.025),
  };
}

/**
 * Believable readings at a (virtual) time: a daily temperature cycle, slow drift (reset at each
 * calibration), noise, humidity moving against temperature, pressure on a slow weather wave,
 * vibration with a rise before a failure. Every value is within the schema's plausible range.
 * `wear` in 0..1 is how close the machine is to failing (0 healthy); vibration grows steeply with it.
 */
export function readingsAt(character: DeviceCharacter, virtualTime: number, startTime: number, wear: number, random: Prng): Readings {
  const hourOfDay = ((virtualTime % DAY_MS) + DAY_MS) % DAY_MS / HOUR_MS;
  const daily = Math.cos(((hourOfDay - character.peakHour) / 24) * 2 * Math.PI);
  const period = CALIBRATION_INTERVAL_DAYS * DAY_MS;
  const sinceCalibration = (((virtualTime - startTime) % period) + period) % period;
  const drift = (character.driftPerDay * sinceCalibration) / DAY_MS;
  const temperature = character.baseTemperature + character.dailyAmplitude * daily + drift + character.temperatureNoise * random.normal() + wear * 4;
  const humidity = character.baseHumidity - 2.2 * character.dailyAmplitude * daily + 0.6 * random.normal();
  const weather = Math.sin((virtualTime / (DAY_MS * 3)) * 2 * Math.PI) * 6 + Math.sin((virtualTime / (HOUR_MS * 7)) * 2 * Math.PI) * 1.2;
  const pressure = character.basePressure + weather + 0.15 * random.normal();
  const vibration = character.baseVibration * (1 + 0.15 * random.normal()) + 0.6 * wear ** 3;
  return {
    temperature: clampRound(temperature, MEASURES.temperature.min, MEASURES.temperature.max, 2),
    humidity: clampRound(humidity, MEASURES.humidity.min, MEASURES.humidity.max, 2),
    pressure: clampRound(pressure, MEASURES.pressure.min, MEASURES.pressure.max, 2),
    vibration: clampRound(vibration, 0.001, MEASURES.vibration.max, 4),
  };
}

export function clampRound(value: number, min: number, max: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(Math.min(max, Math.max(min, value)) * factor) / factor;
}
