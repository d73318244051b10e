import { Prng } from '../random/prng';
import { drawCharacter, readingsAt } from './signal-model';

describe('readingsAt', () => {
  const device = { deviceId: 'sensor-001', location: 'factory-floor-1' };
  const character = drawCharacter(device, new Prng('c'));
  const day = Date.UTC(2026, 0, 1);
  const mean = (hour: number, wear = 0) => {
    const p = new Prng('r');
    const values = Array.from({ length: 200 }, () => readingsAt(character, day + hour * 3_600_000, day, wear, p));
    return {
      temperature: values.reduce((a, v) => a + v.temperature, 0) / values.length,
      humidity: values.reduce((a, v) => a + v.humidity, 0) / values.length,
      vibration: values.reduce((a, v) => a + v.vibration, 0) / values.length,
    };
  };

  it('follows a daily cycle: warm and dry in the afternoon, cool and humid at night', () => {
    const afternoon = mean(character.peakHour);
    const night = mean((character.peakHour + 12) % 24);
    expect(afternoon.temperature - night.temperature).toBeCloseTo(2 * character.dailyAmplitude, 0);
    expect(afternoon.humidity).toBeLessThan(night.humidity);
  });

  it('drifts slowly over days', () => {
    const p = new Prng('d');
    const now = readingsAt({ ...character, temperatureNoise: 0 }, day, day, 0, p).temperature;
    const later = readingsAt({ ...character, temperatureNoise: 0 }, day + 10 * 86_400_000, day, 0, p).temperature;
    expect(later - now).toBeCloseTo(10 * character.driftPerDay, 1);
  });

  it('raises vibration steeply as the machine wears out', () => {
    const healthy = mean(10, 0).vibration;
    const worn = mean(10, 1).vibration;
    expect(worn).toBeGreaterThan(healthy * 5);
    expect(mean(10, 0.5).vibration).toBeLessThan(worn);
  });
});
