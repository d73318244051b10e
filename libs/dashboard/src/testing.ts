import { MEASURES } from '@iot-timeseries/schema';
import type { DashboardModel } from './dashboard-model';
import { withForecasts } from './predictive-model';
import { DASHBOARD_RANGES } from './ranges';

/** A made-up but plausible dashboard model, for testing the page on its own (10 minutes of readings, a forecast `forecastAheadSeconds` past the last). */
export function sampleModel(now = Date.now(), forecastAheadSeconds = 60): DashboardModel {
  const devices = ['sensor-001', 'sensor-002', 'sensor-003'];
  const times = Array.from({ length: 60 }, (_, i) => Math.floor(now / 1000) - (59 - i) * 10);
  const charts: DashboardModel['charts'] = {};
  for (const [k, m] of Object.entries(MEASURES)) {
    const base = { temperature: 22, humidity: 50, pressure: 1013, vibration: 0.04 }[k] ?? 0;
    const series = devices.map((d, j) => ({ deviceId: d, values: times.map((_, i) => (i === 30 && j === 1 ? null : base + j + Math.sin(i / 8) * (base / 20))) }));
    charts[k] = withForecasts({ [k]: { times, series } }, [{ deviceId: 'sensor-002', measure: k, at: (times[times.length - 1] + forecastAheadSeconds) * 1000, value: base * 1.05 + 1, lower: base + 0.5, upper: base * 1.1 + 1 }])[k];
    void m;
  }
  return {
    generatedAt: new Date(now).toISOString(),
    source: 'sample',
    windowMinutes: 10,
    binSeconds: 10,
    range: { id: '15m', label: '15 min', source: 'raw', sourceLabel: 'raw readings' },
    ranges: DASHBOARD_RANGES.map((r) => ({ id: r.id, label: r.label })),
    dataQuality: {
      devices: 3,
      belowTarget: 1,
      received: 270,
      expected: 300,
      putAsideInvalid: 2,
      putAsideRejected: 1,
      worst: [
        { deviceId: 'sensor-003', location: 'factory-floor-2', received: 80, expected: 100, percent: 80, silentMinutes: 7, gaps: 2, putAsideInvalid: 0, putAsideRejected: 1 },
        { deviceId: 'sensor-002', location: 'factory-floor-1', received: 95, expected: 100, percent: 95, silentMinutes: 1, gaps: 1, putAsideInvalid: 2, putAsideRejected: 0 },
        { deviceId: 'sensor-001', location: 'factory-floor-1', received: 95, expected: 100, percent: 95, silentMinutes: 0, gaps: 0, putAsideInvalid: 0, putAsideRejected: 0 },
      ],
    },
    measures: Object.values(MEASURES).map((m) => ({ name: m.name, unit: m.unit, description: m.description })),
    charts,
    devicesShown: 3,
    devicesTotal: 3,
    latest: devices.map((d, j) => ({ deviceId: d, location: 'factory-floor-1', time: new Date(now).toISOString(), values: { temperature: 22 + j, humidity: 50, pressure: 1013, vibration: 0.04 }, ageSeconds: 3 })),
    alerts: [
      { deviceId: 'sensor-002', location: 'factory-floor-1', kind: 'failure-predicted', detector: 'vibration-wear', severity: 'critical', since: new Date(now - 600_000).toISOString(), evidence: '{"wearZ":9.1}', predictedFailureAt: new Date(now + 2_700_000).toISOString(), leadSeconds: 2700 },
      { deviceId: 'sensor-001', location: 'factory-floor-1', kind: 'anomaly', detector: 'temperature-spike', severity: 'info', since: new Date(now - 120_000).toISOString(), evidence: '{"spike":14.2}' },
    ],
    anomalies: [{ deviceId: 'sensor-002', time: new Date(now - 60_000).toISOString(), measure: 'temperature', value: 41.2, score: 6.3 }],
    stale: [{ deviceId: 'sensor-003', location: 'factory-floor-2', lastSeen: new Date(now - 400_000).toISOString(), silentSeconds: 400 }],
    completeness: devices.map((d, j) => ({ deviceId: d, received: 100 - j * 10, expected: 100, percent: 100 - j * 10 })),
    alarms: [
      { id: 'write-latency', state: 'OK', description: 'd', reason: 'r', since: new Date(now).toISOString() },
      { id: 'stale-devices', state: 'ALARM', description: 'd', reason: 'r', since: new Date(now).toISOString() },
    ],
    pipeline: {
      fleet: { elapsedMs: 200_000, devices: 3, silentDevices: 1, messagesSent: 300, messagesPerSecond: 1.5, duplicates: 3, late: 2, invalid: 1, anomalies: 1, failedSends: 0, target: 'MQTT mqtt://127.0.0.1:1883' },
      cloud: {
        messagesReceived: 300,
        messagesPerSecond: 1.5,
        readingsWritten: 296,
        messagesInvalid: 1,
        recordsRejected: 0,
        putAsideTotal: 1,
        putAsideByReason: { 'humidity N is outside the plausible range N..N %RH': 1 },
        putAsideGroups: [
          {
            pattern: 'humidity N is outside the plausible range N..N %RH',
            count: 1,
            latest: { reason: 'humidity 140.5 is outside the plausible range 0..100 %RH', at: new Date(now - 30_000).toISOString(), deviceId: 'sensor-002' },
          },
        ],
        lambdaInvocations: 40,
        lambdaErrors: 0,
        streamPending: 0,
      },
    },
    errors: {},
    notices: {},
  };
}
