import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { MEASURE_NAMES } from '@iot-timeseries/schema';
import { rollupSettings } from '@iot-timeseries/schema';
import { chooseBinSeconds, createDashboardLoader, DashboardRangeError, rangeView, toCharts, type DashboardQueries, type DeviceDataQuality, type RangeView, type TrendPoint } from '../src';

const fleetStats = { elapsedMs: 10_000, devices: 2, silentDevices: 0, messagesSent: 10, messagesPerSecond: 1, duplicates: 0, late: 0, invalid: 0, anomalies: 0, failedSends: 0 };
const now = Date.now();

function queries(overrides: Partial<DashboardQueries> = {}): DashboardQueries {
  return {
    trend: async (): Promise<TrendPoint[]> => [
      { deviceId: 'sensor-002', bin: 2000, values: { temperature: 21 } },
      { deviceId: 'sensor-001', bin: 1000, values: { temperature: 20, humidity: 50 } },
    ],
    latest: async () => [
      { deviceId: 'sensor-002', location: 'b', time: now - 2000, values: { temperature: 21 } },
      { deviceId: 'sensor-001', location: 'a', time: now - 1000, values: { temperature: 20 } },
    ],
    anomalies: async () => [
      { deviceId: 'sensor-001', time: now - 5000, measure: 'temperature', value: 40, score: 5 },
      { deviceId: 'sensor-002', time: now - 1000, measure: 'vibration', value: 2, score: 4 },
    ],
    stale: async () => [],
    completeness: async () => [{ deviceId: 'sensor-001', received: 30, expected: 20 }],
    events: async () => [],
    forecasts: async () => [],
    dataQuality: async () => [quality('sensor-002', 100, 120, { minutes: 60, minutesWithReadings: 50, gaps: 2 }), quality('sensor-001', 120, 120)],
    ...overrides,
  };
}

function quality(deviceId: string, received: number, expected: number, extra: Partial<DeviceDataQuality> = {}): DeviceDataQuality {
  return { deviceId, location: 'hall', received, expected, minutes: 60, minutesWithReadings: 60, gaps: 0, putAsideInvalid: 0, putAsideRejected: 0, ...extra };
}

const loader = (q: DashboardQueries) =>
  createDashboardLoader({ queryClient: new TimestreamQueryClient({ region: 'us-east-1' }), source: 'test', windowMinutes: 15, expectedIntervalMs: 2000, fleet: { stats: () => fleetStats }, targetDescription: 'MQTT x', queries: q });

describe('the dashboard model', () => {
  it('sorts and shapes every panel from the queries', async () => {
    const model = await loader(queries())();
    expect(model.measures.map((m) => m.name)).toEqual(MEASURE_NAMES);
    expect(model.latest.map((r) => r.deviceId)).toEqual(['sensor-001', 'sensor-002']);
    expect(model.anomalies.map((a) => a.deviceId)).toEqual(['sensor-002', 'sensor-001']);
    expect(model.completeness).toEqual([{ deviceId: 'sensor-001', received: 30, expected: 20, percent: 100 }]);
    expect(model.charts.temperature).toEqual({ times: [1, 2], series: [{ deviceId: 'sensor-001', values: [20, null] }, { deviceId: 'sensor-002', values: [null, 21] }] });
    expect(model.pipeline).toEqual({ fleet: { ...fleetStats, target: 'MQTT x' }, cloud: null });
    expect(model.alarms).toBeNull();
    expect(model.errors).toEqual({});
    expect(model.range).toEqual({ id: '15m', label: '15 min', source: 'raw', sourceLabel: 'raw readings' });
    expect(model.ranges.map((r) => r.id)).toEqual(['15m', '6h', '24h', '7d', '30d']);
    expect(model.dataQuality).toMatchObject({ devices: 2, belowTarget: 1, received: 220, expected: 240 });
    expect(model.dataQuality?.worst.map((d) => [d.deviceId, Math.round(d.percent), d.silentMinutes, d.gaps])).toEqual([
      ['sensor-002', 83, 10, 2],
      ['sensor-001', 100, 0, 0],
    ]);
  });

  it('reads the range asked for: its bin and source, the charts only for the devices it shows', async () => {
    const asked: Array<{ range: RangeView; devices?: Parameters<DashboardQueries['trend']>[1] }> = [];
    const anomaliesAsked: Array<[number, string | undefined]> = [];
    const model = await loader(queries({ trend: async (range, devices) => (asked.push({ range, devices }), []), anomalies: async (minutes, baselineFrom) => (anomaliesAsked.push([minutes, baselineFrom]), []) }))(new URLSearchParams('range=7d'));
    // the anomalies keep the live window, and their baseline its default source (the hourly rollup)
    expect(anomaliesAsked).toEqual([[15, undefined]]);
    expect(model).toMatchObject({ windowMinutes: 7 * 24 * 60, binSeconds: 3600, range: { id: '7d', source: rollupSettings.perHour.id } });
    expect(model.range.sourceLabel).toMatch(/^hourly rollup \(sensor-data-1h\)/);
    // the charts pick their devices themselves, without waiting for the data-quality figures
    expect(asked).toEqual([{ range: rangeView('7d', 2000), devices: { first: 12 } }]);
    expect(model.devicesTotal).toBe(2);
    await expect(loader(queries())(new URLSearchParams('range=1y'))).rejects.toThrow(new DashboardRangeError('range must be one of 15m, 6h, 24h, 7d, 30d, got "1y"'));
  });

  it('asks for the charts without waiting for the data-quality figures, and charts them while those have no ended minute yet', async () => {
    let qualityAnswered = false;
    let chartsAskedBeforeQuality: boolean | undefined;
    const trend = queries().trend;
    const model = await loader(
      queries({
        dataQuality: () => new Promise((resolve) => setTimeout(() => ((qualityAnswered = true), resolve([])), 20)),
        trend: async (range, devices) => ((chartsAskedBeforeQuality = !qualityAnswered), trend(range, devices)),
      }),
    )();
    expect(chartsAskedBeforeQuality).toBe(true);
    expect(model.charts.temperature?.series.map((s) => s.deviceId)).toEqual(['sensor-001', 'sensor-002']);
    expect(model.dataQuality).toMatchObject({ devices: 0 });
  });

  it('picks bins per range: ~240 raw points up to an hour, whole rollup bins beyond', () => {
    expect(['15m', '6h', '24h', '7d', '30d'].map((id) => { const r = rangeView(id, 2000); return [id, r.binMs / 1000, r.source.kind === 'raw' ? 'raw' : r.source.rollup.id]; })).toEqual([
      ['15m', 4, 'raw'],
      ['6h', 120, 'rollup-1m'],
      ['24h', 600, 'rollup-1m'],
      ['7d', 3600, 'rollup-1h'],
      ['30d', 10800, 'rollup-1h'],
    ]);
  });

  it('shows a failed panel as an error and keeps the others', async () => {
    const model = await loader(queries({ anomalies: async () => Promise.reject(new Error('query timed out')) }))();
    expect(model.errors).toEqual({ anomalies: 'query timed out' });
    expect(model.anomalies).toEqual([]);
    expect(model.latest).toHaveLength(2);
  });
});

describe('put-aside reasons from the local cloud', () => {
  const pipeline = (extra: object) => ({
    startedAt: '', messagesReceived: 3, messagesPerSecond: 1, ruleMatched: 3, ruleErrors: 0, recordsToStream: 3, streamRefused: 0, lambdaInvocations: 1, lambdaErrors: 0,
    readingsWritten: 1, messagesInvalid: 2, recordsRejected: 0, putAsideTotal: 2, putAsideByReason: { 'humidity N is outside the plausible range N..N %RH': 2 }, recentPutAside: [],
    deadLetters: { total: 2, byStage: { lambda: 2 }, atStart: 0, replayed: 0, oldest: null }, action: 'kinesis' as const, stream: null, directWritesInFlight: 0, ...extra,
  });
  const withCloud = (report: ReturnType<typeof pipeline>) =>
    createDashboardLoader({
      queryClient: new TimestreamQueryClient({ region: 'us-east-1' }), source: 'test', windowMinutes: 15, expectedIntervalMs: 2000,
      fleet: { stats: () => fleetStats }, targetDescription: 'MQTT x', queries: queries(), cloud: { alarms: async () => [], pipeline: async () => report },
    })();

  it('keeps the latest reason of each group as written, with its count', async () => {
    const latest = { at: '2026-01-01T10:00:02.000Z', source: 'lambda' as const, reason: 'humidity 151.5 is outside the plausible range 0..100 %RH', deviceId: 'sensor-003' };
    const model = await withCloud(pipeline({ putAsideGroups: [{ pattern: 'humidity N is outside the plausible range N..N %RH', count: 2, latest }] }));
    expect(model.pipeline.cloud?.putAsideGroups).toEqual([
      { pattern: 'humidity N is outside the plausible range N..N %RH', count: 2, latest: { reason: latest.reason, at: latest.at, deviceId: 'sensor-003' } },
    ]);
  });

  it('falls back to the counted patterns from a local cloud that sends no examples', async () => {
    const model = await withCloud(pipeline({}));
    expect(model.pipeline.cloud?.putAsideGroups).toEqual([{ pattern: 'humidity N is outside the plausible range N..N %RH', count: 2 }]);
  });
});

describe('chooseBinSeconds', () => {
  it('keeps a chart to about 240 points and a bin to at least one reading interval', () => {
    expect(chooseBinSeconds(15, 2000)).toBe(4);
    expect(chooseBinSeconds(60 * 24, 2000)).toBe(360);
    expect(chooseBinSeconds(1, 30_000)).toBe(30);
    expect(chooseBinSeconds(1, 100)).toBe(1);
  });
});

describe('toCharts', () => {
  it('shows at most 12 devices and counts them all', () => {
    const rows = Array.from({ length: 15 }, (_, i) => ({ deviceId: `d-${String(i).padStart(2, '0')}`, bin: 0, values: { temperature: i } }));
    const { charts, shown, total } = toCharts(rows);
    expect([shown, total]).toEqual([12, 15]);
    expect(charts.temperature.series.map((s) => s.deviceId)).toEqual(rows.slice(0, 12).map((r) => r.deviceId));
  });
});
