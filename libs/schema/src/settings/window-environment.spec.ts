import { IngestEnvironmentError } from '../errors';
import { analyticsSettings, TUMBLING_WINDOW_RANGE } from './analytics';
import { buildWindowEnvironment, parseWindowEnvironment, WINDOW_ENVIRONMENT } from './window-environment';

describe('window function environment', () => {
  it('round-trips what a deployment sets, and fills in the defaults', () => {
    const env = buildWindowEnvironment({ databaseName: 'db', tableName: 't', alerts: { kind: 'directory', dir: '/data/alerts' }, forecastHorizonSeconds: 30 });
    const parsed = parseWindowEnvironment(env);
    expect(parsed.alerts).toEqual({ kind: 'directory', dir: '/data/alerts' });
    expect(parsed.forecastHorizonSeconds).toBe(30);
    expect(parsed.eventsTableName).toBe('device-events');
    expect(parsed.windowsTableName).toBe('device-windows');
    expect(parsed.failureAlertWithinSeconds).toBe(analyticsSettings.failurePrediction.alertWithinSeconds);
  });

  it('names the variable that is wrong', () => {
    const base = { DATABASE_NAME: 'db', TABLE_NAME: 't' };
    expect(() => parseWindowEnvironment({ ...base, [WINDOW_ENVIRONMENT.alertTopicArn]: 'arn:aws:sns:x', [WINDOW_ENVIRONMENT.alertDir]: '/d' })).toThrow(/ALERT_DIR: set either/);
    expect(() => parseWindowEnvironment({ ...base, [WINDOW_ENVIRONMENT.alertTopicArn]: 'topic' })).toThrow(IngestEnvironmentError);
    expect(() => parseWindowEnvironment({ ...base, FORECAST_HORIZON_SECONDS: '0' })).toThrow(/FORECAST_HORIZON_SECONDS/);
    expect(() => parseWindowEnvironment({ TABLE_NAME: 't' })).toThrow(/DATABASE_NAME/);
  });

  it('the default window is a valid TumblingWindowInSeconds and every detector names a measure it analyses', () => {
    expect(analyticsSettings.windowSeconds).toBeGreaterThanOrEqual(TUMBLING_WINDOW_RANGE.min);
    expect(analyticsSettings.windowSeconds).toBeLessThanOrEqual(TUMBLING_WINDOW_RANGE.max);
    for (const d of analyticsSettings.detectors) expect(analyticsSettings.measures).toContain(d.measure);
    for (const c of analyticsSettings.rules.flatMap((r) => r.conditions)) expect(analyticsSettings.measures).toContain(c.measure);
  });
});
