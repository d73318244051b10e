import type { TrendRule } from '@iot-timeseries/schema';
import type { DeviceWindow } from '../window/device-window';
import { round, type Finding } from './finding';

/**
 * Complex events over consecutive windows: a rule fires when, over the device's last `windows`
 * windows (the current one included), every condition's feature moved its way at each step and by
 * at least its `minTotalChange` overall.
 */
export function runTrendRules(rules: readonly TrendRule[], current: DeviceWindow, history: readonly DeviceWindow[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const windows = [...history.slice(-(rule.windows - 1)), current];
    if (windows.length < rule.windows) continue;
    const evidence: Record<string, number | string> = { windows: rule.windows };
    const holds = rule.conditions.every((c) => {
      const values = windows.map((w) => w.features[c.measure]?.[c.feature]);
      if (values.some((v) => v === undefined)) return false;
      const series = values as number[];
      const sign = c.direction === 'rising' ? 1 : -1;
      const stepwise = series.every((v, i) => i === 0 || sign * (v - series[i - 1]) > 0);
      const total = sign * (series[series.length - 1] - series[0]);
      evidence[`${c.measure}.${c.feature}.change`] = round(series[series.length - 1] - series[0]);
      return stepwise && total >= c.minTotalChange;
    });
    if (holds) findings.push({ kind: 'rule', id: rule.id, severity: rule.severity, evidence });
  }
  return findings;
}
