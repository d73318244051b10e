import type { AlertScore, ForecastScore } from '@iot-timeseries/analytics';

export interface EvaluationSetup {
  devices: number;
  seed: string;
  simulatedHours: number;
  timeScale: number;
  intervalMs: number;
  windowSeconds: number;
  horizonSeconds: number;
  wallSeconds: number;
  messagesSent: number;
}

const GOALS = { recall: 0.9, precision: 0.9, medianLeadMinutes: 10, falsePerDeviceDay: 0.1 };

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** The evaluation as a Markdown table (printed, and pasted into the README). */
export function formatEvaluation(setup: EvaluationSetup, alerts: AlertScore, forecasts: readonly ForecastScore[]): string {
  const f = alerts.failures;
  const lines = [
    `${setup.devices} devices, seed ${setup.seed}, ${fixed(setup.simulatedHours, 1)} simulated hours (time scale ${setup.timeScale}, a reading every ${setup.intervalMs / 1000} s = ${fixed((setup.intervalMs * setup.timeScale) / 60_000, 1)} simulated min), ` +
      `${setup.windowSeconds} s tumbling windows (${fixed((setup.windowSeconds * setup.timeScale) / 60, 0)} simulated min), forecast horizon ${setup.horizonSeconds} s (${fixed((setup.horizonSeconds * setup.timeScale) / 3600, 1)} simulated h); ` +
      `${setup.messagesSent} messages in ${fixed(setup.wallSeconds, 0)} s of wall time`,
    '',
    '| measure | value | goal | |',
    '| --- | ---: | ---: | --- |',
    `| failure recall (${f.caught} of ${f.total} failures alerted before they failed; ${f.leftOutInWarmup} in the warm-up left out) | ${fixed(f.recall, 3)} | ≥ ${GOALS.recall} | ${mark(f.recall >= GOALS.recall)} |`,
    `| failure precision (${f.truePositives} of ${f.alerts} failure alerts while the machine was wearing) | ${fixed(f.precision, 3)} | ≥ ${GOALS.precision} | ${mark(f.precision >= GOALS.precision)} |`,
    `| median lead time, simulated minutes (min ${fixed(f.leadMinutes[0] ?? NaN, 0)}, max ${fixed(f.leadMinutes[f.leadMinutes.length - 1] ?? NaN, 0)}) | ${fixed(f.medianLeadMinutes, 0)} | ≥ ${GOALS.medianLeadMinutes} | ${mark(f.medianLeadMinutes >= GOALS.medianLeadMinutes)} |`,
    `| false alerts per device-day (${alerts.falseAlerts.count} over ${fixed(alerts.falseAlerts.deviceDays, 1)} device-days) | ${fixed(alerts.falseAlerts.perDeviceDay, 3)} | < ${GOALS.falsePerDeviceDay} | ${mark(alerts.falseAlerts.perDeviceDay < GOALS.falsePerDeviceDay)} |`,
    `| anomaly recall (${alerts.anomalies.detected} of ${alerts.anomalies.total} injected spikes in an alerted window) | ${fixed(alerts.anomalies.recall, 3)} | | |`,
    '',
    '| forecast, measure | forecasts scored | MAPE % | naive (last window) MAPE % | in the 95% interval |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...forecasts.map((s) => `| ${s.measure} | ${s.n} | ${fixed(s.mape, 2)} | ${fixed(s.naiveMape, 2)} | ${fixed(100 * s.intervalCoverage, 0)} % |`),
    '',
    '| detector | alerts | explained by the ground truth | false |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(alerts.byDetector)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([d, s]) => `| ${d} | ${s.alerts} | ${s.explained} | ${s.alerts - s.explained} |`),
  ];
  return lines.join('\n');
}

export function goalsMet(alerts: AlertScore): boolean {
  const f = alerts.failures;
  return f.recall >= GOALS.recall && f.precision >= GOALS.precision && f.medianLeadMinutes >= GOALS.medianLeadMinutes && alerts.falseAlerts.perDeviceDay < GOALS.falsePerDeviceDay;
}
