import { scoreAlerts, scoreForecasts, type ForecastedWindow, type LabelledEvent, type RaisedAlert } from '../src';

const W = 10_000;
const alert = (deviceId: string, kind: string, detector: string, windowIndex: number): RaisedAlert => ({ deviceId, kind, detector, windowStart: windowIndex * W, windowEnd: (windowIndex + 1) * W, time: (windowIndex + 1) * W });
const options = { startedAt: 0, endedAt: 100 * W, devices: 4, timeScale: 60, warmupMs: 5 * W, slackMs: W };

describe('scoring alerts against the ground truth', () => {
  const truth: LabelledEvent[] = [
    // caught 3 windows before it failed (the first alert counts), then alerted again
    { kind: 'failure', deviceId: 'a', start: 10 * W, end: 20 * W, repairedAt: 23 * W },
    // missed: its failure alerts came at the failure and after it (a warning at the moment it fails warns of nothing)
    { kind: 'failure', deviceId: 'b', start: 30 * W, end: 40 * W, repairedAt: 42 * W },
    // in the warm-up: left out of the recall
    { kind: 'failure', deviceId: 'c', start: 2 * W, end: 12 * W, repairedAt: 14 * W },
    // still wearing at the end of the run: not scored for recall, its alert is a true positive
    { kind: 'failure', deviceId: 'd', start: 90 * W },
    { kind: 'anomaly', deviceId: 'a', start: 50 * W + 500, end: 50 * W + 500 },
    { kind: 'anomaly', deviceId: 'a', start: 60 * W + 500, end: 60 * W + 500 },
    { kind: 'dropout', deviceId: 'b', start: 70 * W, end: 72 * W },
  ];
  const alerts = [
    alert('a', 'failure-predicted', 'vibration-wear', 16),
    alert('a', 'failure-predicted', 'vibration-wear', 18),
    alert('a', 'rule', 'bearing-wear', 21), // during the repair: explained
    alert('b', 'failure-predicted', 'vibration-wear', 40), // window [40, 41) starts at the failure: not a true positive, but the repair explains it
    alert('b', 'failure-predicted', 'vibration-wear', 39), // raised at 40 = the failure: a true positive (its window saw the wear) but not caught
    alert('d', 'failure-predicted', 'vibration-wear', 95),
    alert('c', 'failure-predicted', 'vibration-wear', 60), // nothing wrong with c then: a false positive and a false alert
    alert('a', 'anomaly', 'temperature-spike', 50),
    alert('b', 'anomaly', 'pressure-jump', 72), // the window after the dropout: explained within the slack
    alert('d', 'anomaly', 'pressure-jump', 30), // false
  ];
  const score = scoreAlerts(alerts, truth, options);

  it('counts recall over the failures that failed after the warm-up, with lead times in simulated minutes', () => {
    expect(score.failures).toMatchObject({ total: 2, leftOutInWarmup: 1, caught: 1, recall: 0.5 });
    // a: first alert at 17 W, failed at 20 W: 30 s x 60 = 30 simulated minutes; b: raised at the failure, not caught
    expect(score.failures.leadMinutes).toEqual([30]);
    expect(score.failures.medianLeadMinutes).toBe(30);
  });

  it('counts precision over every failure alert: a true positive saw the wear in its window', () => {
    expect(score.failures).toMatchObject({ alerts: 6, truePositives: 4 });
    expect(score.failures.precision).toBeCloseTo(4 / 6);
  });

  it('counts the alerts nothing explains, per simulated device-day', () => {
    expect(score.falseAlerts.count).toBe(2);
    expect(score.falseAlerts.byDetector).toEqual({ 'failure-predicted:vibration-wear': 1, 'anomaly:pressure-jump': 1 });
    // 4 devices x 1,000 s x 60 = 2.78 device-days
    expect(score.falseAlerts.deviceDays).toBeCloseTo((4 * 1000 * 60) / 86_400);
    expect(score.falseAlerts.perDeviceDay).toBeCloseTo(2 / ((4 * 1000 * 60) / 86_400));
    expect(score.byDetector['anomaly:temperature-spike']).toEqual({ alerts: 1, explained: 1 });
    expect(score.anomalies).toEqual({ total: 2, detected: 1, recall: 0.5 });
  });

  it('has no recall to speak of without failures', () => {
    const none = scoreAlerts([], [], options);
    expect(none.failures.recall).toBeNaN();
    expect(none.failures.precision).toBeNaN();
    expect(none.falseAlerts.perDeviceDay).toBe(0);
  });
});

describe('scoring forecasts against the windows that came', () => {
  it('computes MAPE of the forecasts and of the naive forecast on the same targets, and the interval coverage', () => {
    const windows: ForecastedWindow[] = [
      { deviceId: 'a', start: 0, means: { temperature: 20 }, forecasts: { temperature: { value: 22, at: 2 * W, lower: 21, upper: 23 } } },
      { deviceId: 'a', start: W, means: { temperature: 21 }, forecasts: { temperature: { value: 25, at: 3 * W, lower: 24, upper: 26 } } },
      { deviceId: 'a', start: 2 * W, means: { temperature: 22.5 }, forecasts: { temperature: { value: 23, at: 4 * W } } },
      { deviceId: 'a', start: 3 * W, means: { temperature: 25 }, forecasts: {} },
      { deviceId: 'b', start: 0, means: { temperature: 10 }, forecasts: { temperature: { value: 10, at: 2 * W } } },
    ];
    const [t] = scoreForecasts(windows, ['temperature']);
    // a@0: |22-22.5|/22.5; a@W: |25-25|/25; a@2W: target 4W not observed; b@0: target not observed
    expect(t.n).toBe(2);
    expect(t.mape).toBeCloseTo((100 * (0.5 / 22.5 + 0)) / 2);
    expect(t.naiveMape).toBeCloseTo((100 * (2.5 / 22.5 + 4 / 25)) / 2);
    expect(t.intervalCoverage).toBe(1);
    expect(scoreForecasts(windows, ['pressure'])[0].n).toBe(0);
  });
});
