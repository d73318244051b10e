import { ALARM_DEFINITIONS, type AlarmDefinition } from '@iot-timeseries/schema';
import type { AlarmTransition } from '@iot-timeseries/local-cloud-client';
import { AlarmEvaluator, withOverrides, type ScopeFilters } from './alarm-evaluator';
import { MetricStore } from './metric-store';

const scopes: ScopeFilters = {
  'timestream-write': { Operation: 'WriteRecords' },
  'timestream-query': { Operation: 'Query' },
  lambda: { FunctionName: 'ingest' },
  pipeline: {},
};
const T0 = 1_700_000_000_000;

/** The item with this id (the test fails if there is none). */
function byId<T extends { id: string }>(items: readonly T[], id: string): T {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

describe('AlarmEvaluator with the settings definitions', () => {
  it('starts INSUFFICIENT_DATA and goes OK with no data when missing data is not breaching', () => {
    const evaluator = new AlarmEvaluator(ALARM_DEFINITIONS, new MetricStore(), scopes);
    expect(evaluator.list().map((a) => a.state)).toEqual(ALARM_DEFINITIONS.map(() => 'INSUFFICIENT_DATA'));
    const states = evaluator.evaluate(T0);
    expect(states.map((s) => s.id)).toEqual(ALARM_DEFINITIONS.map((d) => d.id));
    expect(states.every((s) => s.state === 'OK')).toBe(true);
  });

  it('fires write-latency only when every evaluation period averages above the threshold, for WriteRecords only', () => {
    const metrics = new MetricStore();
    const transitions: AlarmTransition[] = [];
    const evaluator = new AlarmEvaluator(ALARM_DEFINITIONS, metrics, scopes, (t) => transitions.push(t));
    const put = (t: number, value: number, Operation = 'WriteRecords') =>
      metrics.put({ namespace: 'AWS/Timestream', name: 'SuccessfulRequestLatency', dimensions: { Operation }, value, timestamp: t });
    // Newest period breaches but the one before does not: evaluationPeriods = 2 keeps it OK.
    put(T0 - 400_000, 200);
    put(T0 - 100_000, 1500);
    put(T0 - 50_000, 900);
    put(T0 - 10_000, 99_999, 'Query'); // another operation, another alarm
    let write = byId(evaluator.evaluate(T0), 'write-latency');
    expect(write.state).toBe('OK');
    expect(write.datapoints).toEqual([1200, 200]);
    expect(byId(evaluator.list(), 'query-latency').state).toBe('OK'); // 99 999 > 5000 once, needs 2 periods
    put(T0 - 350_000, 5000);
    write = byId(evaluator.evaluate(T0), 'write-latency');
    expect(write.datapoints).toEqual([1200, 2600]);
    expect(write.state).toBe('ALARM');
    expect(write.reason).toBe('Threshold Crossed: 2 datapoint(s) [1200, 2600] was greater than the threshold (1000)');
    expect(transitions.map((t) => `${t.id}:${t.from}->${t.to}`)).toContain('write-latency:OK->ALARM');
  });

  it('fires and clears stale-devices with overridden short periods', () => {
    const definitions = withOverrides(ALARM_DEFINITIONS, { 'stale-devices': { periodSeconds: 2 } });
    expect(byId(definitions, 'stale-devices').periodSeconds).toBe(2);
    const stale = definitions.filter((d) => d.id === 'stale-devices') as AlarmDefinition[];
    const metrics = new MetricStore();
    const evaluator = new AlarmEvaluator(stale, metrics, scopes);
    const put = (t: number, value: number) => metrics.put({ namespace: stale[0].namespace, name: stale[0].metricName, value, timestamp: t });
    put(T0 - 1000, 0);
    expect(evaluator.evaluate(T0)[0].state).toBe('OK');
    put(T0 + 500, 1);
    expect(evaluator.evaluate(T0 + 1000)[0].state).toBe('ALARM');
    put(T0 + 3000, 0);
    expect(evaluator.evaluate(T0 + 3200)[0].state).toBe('OK');
    expect(evaluator.history.map((h) => h.to)).toEqual(['OK', 'ALARM', 'OK']);
  });

  it('sums errors for lambda-errors and treats missing data per definition', () => {
    const def: AlarmDefinition = { ...byId(ALARM_DEFINITIONS, 'lambda-errors'), treatMissingData: 'missing' };
    const metrics = new MetricStore();
    const evaluator = new AlarmEvaluator([def], metrics, scopes);
    expect(evaluator.evaluate(T0)[0].state).toBe('INSUFFICIENT_DATA');
    metrics.put({ namespace: 'AWS/Lambda', name: 'Errors', dimensions: { FunctionName: 'ingest' }, value: 0, timestamp: T0 - 10 });
    expect(evaluator.evaluate(T0)[0].state).toBe('OK');
    metrics.put({ namespace: 'AWS/Lambda', name: 'Errors', dimensions: { FunctionName: 'other' }, value: 5, timestamp: T0 - 5 });
    expect(evaluator.evaluate(T0)[0].state).toBe('OK');
    metrics.put({ namespace: 'AWS/Lambda', name: 'Errors', dimensions: { FunctionName: 'ingest' }, value: 1, timestamp: T0 - 1 });
    expect(evaluator.evaluate(T0)[0]).toMatchObject({ state: 'ALARM', datapoints: [1] });
  });
});

describe('MetricStore', () => {
  it('keeps points within retention and bounded per series', () => {
    const store = new MetricStore(1000, 3);
    for (let i = 0; i < 5; i++) store.put({ namespace: 'N', name: 'm', value: i, timestamp: T0 + i });
    expect(store.values('N', 'm', {}, 0, T0 + 10)).toEqual([2, 3, 4]);
    store.put({ namespace: 'N', name: 'm', value: 9, timestamp: T0 + 5000 });
    expect(store.values('N', 'm', {}, 0, T0 + 10_000)).toEqual([9]);
    expect(store.latest('N', 'm')).toEqual({ value: 9, timestamp: T0 + 5000 });
  });
});
