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
