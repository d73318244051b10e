import type { AlarmState, AlarmStateValue, AlarmTransition } from '@iot-timeseries/local-cloud-client';
import type { AlarmDefinition, AlarmScope } from '@iot-timeseries/schema';
import type { MetricStore } from './metric-store';
import { breaches, COMPARISON_WORDS, computeStatistic } from './statistics';

/** What a scope's dimensions select in the metric store (the resource names the local cloud uses). */
export type ScopeFilters = Record<AlarmScope, Record<string, string>>;

/**
 * Evaluates alarm definitions against the metric store like CloudWatch: the statistic over each of the
 * last `evaluationPeriods` periods (sliding, ending now); ALARM when all of them breach, missing data
 * treated per `treatMissingData`.
 */
export class AlarmEvaluator {
  private readonly states = new Map<string, AlarmState>();
  readonly history: AlarmTransition[] = [];

  constructor(
    private readonly definitions: readonly AlarmDefinition[],
    private readonly metrics: MetricStore,
    private readonly scopes: ScopeFilters,
    private readonly onTransition?: (transition: AlarmTransition) => void,
    private readonly maxHistory = 500,
  ) {
    const now = new Date().toISOString();
    for (const d of definitions) {
      this.states.set(d.id, this.initial(d, now));
    }
  }

  evaluate(now = Date.now()): AlarmState[] {
    for (const definition of this.definitions) this.evaluateOne(definition, now);
    return this.list();
  }

  list(): AlarmState[] {
    return [...this.states.values()].map((s) => ({ ...s, datapoints: [...s.datapoints] }));
  }

  private initial(d: AlarmDefinition, since: string): AlarmState {
    return {
      id: d.id,
      description: d.description,
      metric: `${d.namespace}/${d.metricName}`,
      state: 'INSUFFICIENT_DATA',
      reason: 'Unchecked: Initial alarm creation',
      since,
      datapoints: [],
      periodSeconds: d.periodSeconds,
      evaluationPeriods: d.evaluationPeriods,
      threshold: d.threshold,
      comparison: d.comparison,
    };
  }

  private evaluateOne(d: AlarmDefinition, now: number): void {
    const periodMs = d.periodSeconds * 1000;
    const datapoints: Array<number | null> = [];
    for (let k = 0; k < d.evaluationPeriods; k++) {
      const values = this.metrics.values(d.namespace, d.metricName, this.scopes[d.scope], now - (k + 1) * periodMs, now - k * periodMs);
      datapoints.push(computeStatistic(d.statistic, values) ?? null);
    }
    const current = this.states.get(d.id);
    if (!current) return;
    const present = datapoints.filter((v): v is number => v !== null);
    let next: AlarmStateValue;
    let reason: string;
    if (present.length === 0) {
      if (d.treatMissingData === 'ignore') {
        current.datapoints = datapoints;
        return;
      }
      next = d.treatMissingData === 'breaching' ? 'ALARM' : d.treatMissingData === 'notBreaching' ? 'OK' : 'INSUFFICIENT_DATA';
      reason = `no datapoints in the last ${d.evaluationPeriods} period(s) of ${d.periodSeconds} s (missing data treated as ${d.treatMissingData})`;
    } else {
      const breaching = datapoints.map((v) => (v === null ? d.treatMissingData === 'breaching' : breaches(d.comparison, v, d.threshold)));
      next = breaching.every(Boolean) ? 'ALARM' : 'OK';
      const shown = present.map((v) => Number(v.toFixed(3))).join(', ');
      const verb = next === 'ALARM' ? 'was' : 'was not';
      reason = `Threshold Crossed: ${present.length} datapoint(s) [${shown}] ${verb} ${COMPARISON_WORDS[d.comparison]} the threshold (${d.threshold})`;
    }
    current.datapoints = datapoints;
    current.reason = reason;
    if (next !== current.state) {
      const at = new Date(now).toISOString();
      const transition: AlarmTransition = { id: d.id, from: current.state, to: next, reason, at };
      current.state = next;
      current.since = at;
      this.history.push(transition);
      if (this.history.length > this.maxHistory) this.history.splice(0, this.history.length - this.maxHistory);
      this.onTransition?.(transition);
    }
  }
}

/** Applies per-alarm overrides (tests and demos use short periods), keeping everything else from settings. */
export function withOverrides(
  definitions: readonly AlarmDefinition[],
  overrides: Record<string, Partial<Pick<AlarmDefinition, 'periodSeconds' | 'evaluationPeriods' | 'threshold'>>>,
): AlarmDefinition[] {
  return definitions.map((d) => ({ ...d, ...(overrides[d.id] ?? {}) }));
}
