import type { Detector, TrendRule } from '@iot-timeseries/schema';
import { runDetectors, runTrendRules, median, mad } from '../src';
import { windowAt } from './windows';

const history = Array.from({ length: 10 }, (_, i) => windowAt(i, { temperature: { trimmedMean: 20 + (i % 2 ? 0.2 : -0.2), mean: 20 }, pressure: { mean: 1010 } }));

describe('detectors', () => {
  it('median and MAD of a known sample', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
  });

  it('threshold fires above its level only', () => {
    const d: Detector = { kind: 'threshold', id: 'hot', measure: 'temperature', feature: 'trimmedMean', above: 30, severity: 'warning' };
    expect(runDetectors([d], windowAt(10, { temperature: { trimmedMean: 31 } }), history)).toEqual([
      expect.objectContaining({ kind: 'anomaly', id: 'hot', evidence: expect.objectContaining({ value: 31, above: 30 }) }),
    ]);
    expect(runDetectors([d], windowAt(10, { temperature: { trimmedMean: 29 } }), history)).toEqual([]);
  });

  it('rate of change compares with the previous window per minute, both ways', () => {
    const d: Detector = { kind: 'rate-of-change', id: 'jump', measure: 'pressure', feature: 'mean', maxChangePerMinute: 5, severity: 'warning' };
    expect(runDetectors([d], windowAt(10, { pressure: { mean: 1004 } }), history)[0]?.evidence.ratePerMinute).toBe(-6);
    expect(runDetectors([d], windowAt(10, { pressure: { mean: 1014 } }), history)).toEqual([]);
    expect(runDetectors([d], windowAt(10, { pressure: { mean: 1100 } }), [])).toEqual([]);
  });

  it('jump compares the change since the previous window with the usual changes of the device, per window step', () => {
    const d: Detector = { kind: 'jump', id: 'pressure-jump', measure: 'pressure', feature: 'mean', threshold: 10, minHistory: 6, minScale: 0.05, severity: 'warning' };
    // a fast but steady weather wave: +1 hPa every window, ±0.1
    const steady = Array.from({ length: 13 }, (_, i) => windowAt(i, { pressure: { mean: 1000 + i + (i % 2 ? 0.1 : -0.1) } }));
    expect(runDetectors([d], windowAt(13, { pressure: { mean: 1013.1 } }), steady)).toEqual([]);
    const jumped = runDetectors([d], windowAt(13, { pressure: { mean: 1021 } }), steady);
    expect(jumped).toHaveLength(1);
    // the changes alternate 1.2 and 0.8: median 1, MAD 0.2, scale 0.2965; the jump is 1021 - 1011.9 = 9.1
    expect(Number(jumped[0].evidence.z)).toBeCloseTo((9.1 - 1) / (1.4826 * 0.2), 1);
    // after a gap the change is spread over the window steps: 1015.1 three windows later is on the wave
    expect(runDetectors([d], windowAt(15, { pressure: { mean: 1015.1 } }), steady)).toEqual([]);
    expect(runDetectors([d], windowAt(15, { pressure: { mean: 1040 } }), steady)).toHaveLength(1);
    expect(runDetectors([d], windowAt(13, { pressure: { mean: 1100 } }), steady.slice(0, 6))).toEqual([]);
    // a flat history: the scale's floor (minScale) keeps ordinary noise quiet
    const flat = Array.from({ length: 10 }, (_, i) => windowAt(i, { pressure: { mean: 1010 } }));
    expect(runDetectors([d], windowAt(10, { pressure: { mean: 1010.3 } }), flat)).toEqual([]);
    expect(runDetectors([d], windowAt(10, { pressure: { mean: 1011 } }), flat)).toHaveLength(1);
  });

  it('robust z fires on a spike far from the baseline median and needs enough history', () => {
    const d: Detector = { kind: 'robust-z', id: 'spike', measure: 'temperature', feature: 'max', baselineFeature: 'trimmedMean', threshold: 12, minHistory: 6, severity: 'info' };
    // baseline median 20 (±0.2 alternating): MAD 0.2, scale 0.2965; a max of 25 is z ≈ 16.9
    const found = runDetectors([d], windowAt(10, { temperature: { trimmedMean: 20, max: 25 } }), history);
    expect(found).toHaveLength(1);
    expect(Number(found[0].evidence.z)).toBeCloseTo(16.86, 1);
    expect(runDetectors([d], windowAt(10, { temperature: { trimmedMean: 20, max: 22 } }), history)).toEqual([]);
    expect(runDetectors([d], windowAt(10, { temperature: { trimmedMean: 20, max: 25 } }), history.slice(0, 5))).toEqual([]);
  });
});

describe('trend rules', () => {
  const rule: TrendRule = {
    kind: 'trend',
    id: 'wear',
    description: 'vibration up while temperature rises',
    windows: 3,
    conditions: [
      { measure: 'vibration', feature: 'trimmedMean', direction: 'rising', minTotalChange: 0.02 },
      { measure: 'temperature', feature: 'trimmedMean', direction: 'rising', minTotalChange: 0.3 },
    ],
    severity: 'warning',
  };
  const series = (v: number[], t: number[]) => v.map((x, i) => windowAt(i, { vibration: { trimmedMean: x }, temperature: { trimmedMean: t[i] } }));

  it('fires when every condition rises at each step and by enough', () => {
    const w = series([0.05, 0.06, 0.08], [20, 20.2, 20.5]);
    expect(runTrendRules([rule], w[2], w.slice(0, 2))).toEqual([expect.objectContaining({ kind: 'rule', id: 'wear' })]);
  });

  it('does not fire when one step falls, the total is too small, or temperature does not rise', () => {
    for (const [v, t] of [
      [[0.05, 0.07, 0.065], [20, 20.2, 20.5]],
      [[0.05, 0.055, 0.06], [20, 20.2, 20.5]],
      [[0.05, 0.06, 0.08], [20, 20.1, 20.05]],
    ] as Array<[number[], number[]]>) {
      const w = series(v, t);
      expect(runTrendRules([rule], w[2], w.slice(0, 2))).toEqual([]);
    }
  });
});
