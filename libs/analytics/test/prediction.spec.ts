import { analyticsSettings, type FailurePredictionSettings } from '@iot-timeseries/schema';
import { estimateFailure, failureFinding, updateEpisodes, type Finding } from '../src';
import { windowAt } from './windows';

const settings: FailurePredictionSettings = { ...analyticsSettings.failurePrediction, failureLevel: 0.65, trendWindows: 3, minBaselineWindows: 4, minRobustZ: 4, minRelativeScale: 0.03 };
const noise = [0.001, -0.001, 0.0005, -0.0005, 0.0008, -0.0008, 0];
const vib = (values: number[]) => values.map((v, i) => windowAt(i, { vibration: { trimmedMean: v } }));

describe('failure prediction', () => {
  it('sees exponential growth of the excess over the baseline and extrapolates the time to the failure level', () => {
    // baseline 0.05; excess 0.01 * 2^k, one window (60 s) per doubling: 0.01 * 2^k = 0.6 at k = log2(60) = 5.907
    const values = [...noise.map((n) => 0.05 + n), 0.06, 0.07, 0.09];
    const windows = vib(values);
    const estimate = estimateFailure(settings, windows[windows.length - 1], windows.slice(0, -1));
    expect(estimate?.wearing).toBe(true);
    expect(estimate?.baseline).toBeCloseTo(0.05, 3);
    // last excess 0.04 at the window start; the fit is measured from the window end (60 s later, one doubling):
    // ln(0.6/0.08)/ln2 * 60 s ≈ 174 s
    expect(estimate?.timeToFailureSeconds).toBeGreaterThan(150);
    expect(estimate?.timeToFailureSeconds).toBeLessThan(200);
    const finding = failureFinding(settings, estimate, 3600);
    expect(finding).toEqual(expect.objectContaining({ kind: 'failure-predicted', id: 'vibration-wear', severity: 'critical' }));
    expect(failureFinding(settings, estimate, 60)).toBeUndefined();
  });

  it('does not call a flat series, noise or one high window wear', () => {
    for (const tail of [[0.05, 0.051, 0.0495], [0.05, 0.05, 0.2], [0.2, 0.15, 0.12]]) {
      const windows = vib([...noise.map((n) => 0.05 + n), ...tail]);
      expect(estimateFailure(settings, windows[windows.length - 1], windows.slice(0, -1))?.wearing).toBe(false);
    }
  });

  it('needs a baseline before it speaks', () => {
    const windows = vib([0.05, 0.06, 0.07, 0.09]);
    expect(estimateFailure(settings, windows[3], windows.slice(0, 3))).toBeUndefined();
  });
});

describe('alert episodes', () => {
  const w = (i: number) => ({ deviceId: 'd1', location: 'l', start: i * 60_000, end: (i + 1) * 60_000 });
  const hot: Finding = { kind: 'anomaly', id: 'hot', severity: 'warning', evidence: { value: 31 } };

  it('one episode gives one alert, and a clear after the condition was absent for the given windows', () => {
    let open = {};
    const kinds: string[] = [];
    [[hot], [hot], [hot], [], [hot], [], [], []].forEach((findings, i) => {
      const next = updateEpisodes(open, findings, w(i), 2);
      open = next.episodes;
      kinds.push(...next.events.map((e) => `${i}:${e.state}`));
    });
    // a one-window gap (window 3) does not end the episode; two windows without it (5, 6) do
    expect(kinds).toEqual(['0:alert', '6:clear']);
  });

  it('the clear names when the episode began', () => {
    const first = updateEpisodes({}, [hot], w(0), 1);
    const second = updateEpisodes(first.episodes, [], w(1), 1);
    expect(second.events).toEqual([expect.objectContaining({ state: 'clear', kind: 'anomaly', id: 'hot', episodeStart: 60_000, time: 120_000 })]);
    expect(second.episodes).toEqual({});
  });
});
