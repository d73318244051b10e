import { addReading, emptyAccumulator, featuresOf, foldReadings, emptyWindowState, readWindowState, WindowStateError } from '../src';

describe('window features from running sums', () => {
  it('computes mean, min, max, slope per minute, sample stddev, EWMA and the trimmed mean of a known series', () => {
    let acc = emptyAccumulator();
    [1, 2, 3, 4, 5].forEach((v, i) => (acc = addReading(acc, v, 1_000_000 + i * 60_000, 0.5)));
    const f = featuresOf(acc);
    expect(f).toBeDefined();
    expect(f?.mean).toBeCloseTo(3);
    expect(f?.min).toBe(1);
    expect(f?.max).toBe(5);
    expect(f?.slope).toBeCloseTo(1);
    expect(f?.stddev).toBeCloseTo(Math.sqrt(2.5));
    // 1 -> 1.5 -> 2.25 -> 3.125 -> 4.0625
    expect(f?.ewma).toBeCloseTo(4.0625);
    expect(f?.trimmedMean).toBeCloseTo(3);
  });

  it('keeps one spike out of the trimmed mean but not out of the mean', () => {
    let acc = emptyAccumulator();
    [0.05, 0.05, 0.05, 1.5, 0.05].forEach((v, i) => (acc = addReading(acc, v, i * 1000, 0.3)));
    const f = featuresOf(acc);
    expect(f?.trimmedMean).toBeCloseTo(0.05);
    expect(f?.mean).toBeCloseTo(0.34);
  });

  it('measures a spike against the other readings of the window, signed, and only with enough readings', () => {
    const features = (values: number[]) => {
      let acc = emptyAccumulator();
      values.forEach((v, i) => (acc = addReading(acc, v, i * 1000, 0.3)));
      return featuresOf(acc);
    };
    // the others: 20, 20.2, 19.8, 20, 20.2, 19.8 -> mean 20, sample stddev 0.1789; the spike 35 is 83.9 of them away
    expect(features([20, 20.2, 19.8, 35, 20, 20.2, 19.8])?.spike).toBeCloseTo(15 / Math.sqrt(0.16 / 5), 6);
    expect(features([20, 20.2, 19.8, 5, 20, 20.2, 19.8])?.spike).toBeCloseTo(-15 / Math.sqrt(0.16 / 5), 6);
    // ordinary noise stays within a few deviations
    expect(Math.abs(features([20, 20.2, 19.8, 20.1, 20, 19.9, 20.1])?.spike ?? Infinity)).toBeLessThan(3);
    expect(features([20, 35, 20, 20])?.spike).toBe(0);
    // a sensor that repeats one value: the deviation's floor (1e-4 of the level) keeps it finite
    expect(features([10, 10, 10, 10, 10, 10.01])?.spike).toBeCloseTo(10, 6);
  });

  it('has no features without readings, and a zero slope for one reading', () => {
    expect(featuresOf(emptyAccumulator())).toBeUndefined();
    expect(featuresOf(addReading(emptyAccumulator(), 7, 0, 0.3))?.slope).toBe(0);
  });

  it('folds readings per device and measure without changing the state it was given, skipping values that are not numbers', () => {
    const start = emptyWindowState();
    const next = foldReadings(start, [
      { deviceId: 'a', location: 'l', time: 2000, values: { temperature: 20, vibration: 0.1 } },
      { deviceId: 'a', location: 'l', time: 1000, values: { temperature: 22 } },
      { deviceId: 'b', location: 'm', time: 1500, values: { temperature: Number.NaN } },
    ], ['temperature', 'vibration'], 0.3);
    expect(start.devices).toEqual({});
    expect(next.devices.a.readings).toBe(2);
    expect(next.devices.a.first).toBe(1000);
    expect(next.devices.a.measures.temperature.n).toBe(2);
    expect(next.devices.a.measures.vibration.n).toBe(1);
    expect(next.devices.b.measures.temperature).toBeUndefined();
  });

  it('reads the empty object Lambda hands over at a window start, and refuses a state of another shape', () => {
    expect(readWindowState({})).toEqual(emptyWindowState());
    expect(() => readWindowState({ v: 9, devices: {} })).toThrow(WindowStateError);
    expect(() => readWindowState('x')).toThrow(/state must be an object/);
  });
});
