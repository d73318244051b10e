import { MEASURE_NAMES, STALE_DEVICE_AFTER_SECONDS } from '@iot-timeseries/schema';
import { alertRules, DATASOURCE_UID, type TimestreamQuery } from '../src';

describe('the alert rules', () => {
  const rules = JSON.parse(JSON.stringify(alertRules({ datasourceUid: DATASOURCE_UID, readingIntervalMs: 2000 }))) as ReturnType<typeof alertRules>;

  it('has a rule for stale devices, anomalies of every measure and incomplete readings', () => {
    expect(rules.map((r) => r.uid)).toEqual(['iot-stale-devices', ...MEASURE_NAMES.map((m) => `iot-anomaly-${m}`), 'iot-completeness']);
  });

  it('asks the plugin for wide series (CREATE_TIME_SERIES), waiting for every page, then reduces and compares them', () => {
    for (const rule of rules) {
      const [query, ...expressions] = rule.data;
      const model = query.model as unknown as TimestreamQuery;
      expect(query).toMatchObject({ refId: 'A', datasourceUid: DATASOURCE_UID });
      expect(model).toMatchObject({ refId: 'A', queryType: 'raw', waitForResult: true, database: '"iot-timeseries-db"', table: '"sensor-data"' });
      expect(model.rawQuery).toMatch(/^SELECT s\."device_id", s\."location", CREATE_TIME_SERIES\(/);
      expect(model.rawQuery).not.toMatch(/\$(device|location)\b/);
      for (const e of expressions) expect(e.datasourceUid).toBe('__expr__');
      expect(rule.condition).toBe('C');
      expect(rule.data.map((d) => d.refId)).toContain('C');
      expect(rule).toMatchObject({ noDataState: 'OK', execErrState: 'Error', for: '2m' });
    }
  });

  it('compares with the shared thresholds', () => {
    const threshold = (uid: string) => (rules.find((r) => r.uid === uid)?.data.find((d) => d.refId === 'C')?.model as unknown as { conditions: Array<{ evaluator: unknown }> }).conditions[0].evaluator;
    expect(threshold('iot-stale-devices')).toEqual({ type: 'gt', params: [STALE_DEVICE_AFTER_SECONDS] });
    expect(threshold('iot-anomaly-temperature')).toEqual({ type: 'gt', params: [3] });
    expect(threshold('iot-completeness')).toEqual({ type: 'lt', params: [0.8] });
    expect(rules.find((r) => r.uid === 'iot-anomaly-humidity')?.data.find((d) => d.refId === 'Z')?.model).toMatchObject({ type: 'math', expression: 'abs($A)' });
  });

  it('matches the reviewed rules (snapshot)', () => {
    expect(rules).toMatchSnapshot();
  });
});
