import * as alerting from '@grafana/grafana-foundation-sdk/alerting';
import * as expr from '@grafana/grafana-foundation-sdk/expr';
import { DASHBOARD_Z_THRESHOLD } from '@iot-timeseries/queries';
import { MEASURE_NAMES, STALE_DEVICE_AFTER_SECONDS, timestreamSettings } from '@iot-timeseries/schema';
import { quotedName } from './dashboard';
import { ALERT_SQL } from './panel-queries';
import { TimestreamFormat } from './plugin';
import { TimestreamQueryBuilder } from './timestream-query';

export const ALERT_FOLDER = 'IoT time series';
export const ALERT_GROUP = 'iot-timeseries-fleet';
const EXPRESSIONS = { type: '__expr__', uid: '__expr__' };

/** One rule as Grafana's alerting file provisioning (`apiVersion: 1`, `groups[].rules[]`) reads it. */
export type ProvisionedRule = Omit<alerting.Rule, 'folderUID' | 'orgID' | 'ruleGroup'>;

export interface AlertRuleOptions {
  datasourceUid: string;
  /** How often devices report (ms), for the completeness rule. */
  readingIntervalMs: number;
}

interface RuleSpec {
  uid: string;
  title: string;
  sql: string;
  /** Seconds of history the query gets as its `$__timeFilter`. */
  rangeSeconds: number;
  /** Expressions after the query A, ending in the condition C. */
  steps: Array<expr.TypeMathBuilder | expr.TypeReduceBuilder | expr.TypeThresholdBuilder>;
  summary: string;
  severity: 'warning' | 'critical';
}

const reduce = (refId: string, of: string, reducer: 'max' | 'min' | 'last') => new expr.TypeReduceBuilder().refId(refId).expression(of).reducer(reducer).settings({ mode: 'dropNN' }).datasource(EXPRESSIONS);
const threshold = (of: string, type: 'gt' | 'lt', value: number) => new expr.TypeThresholdBuilder().refId('C').expression(of).conditions([{ evaluator: { type, params: [value] } }]).datasource(EXPRESSIONS);

/**
 * Alert rules on Timestream data in the form the plugin supports: each query answers wide series
 * (`CREATE_TIME_SERIES`, one per device), waits for all its pages, then Grafana expressions
 * reduce each series and compare it with a threshold, so every device is an alert instance.
 */
export function alertRules(options: AlertRuleOptions): ProvisionedRule[] {
  const specs: RuleSpec[] = [
    {
      uid: 'iot-stale-devices',
      title: 'Stale devices',
      sql: ALERT_SQL.staleDevices(),
      rangeSeconds: 600,
      steps: [reduce('B', 'A', 'last'), threshold('B', 'gt', STALE_DEVICE_AFTER_SECONDS)],
      summary: `{{ $labels.device_id }} ({{ $labels.location }}) has sent nothing for {{ humanizeDuration $values.B.Value }} (more than ${STALE_DEVICE_AFTER_SECONDS} s).`,
      severity: 'critical',
    },
    ...MEASURE_NAMES.map(
      (measure): RuleSpec => ({
        uid: `iot-anomaly-${measure}`,
        title: `Anomalous ${measure}`,
        sql: ALERT_SQL.anomalies(measure),
        rangeSeconds: 900,
        steps: [new expr.TypeMathBuilder().refId('Z').expression('abs($A)').datasource(EXPRESSIONS), reduce('B', 'Z', 'max'), threshold('B', 'gt', DASHBOARD_Z_THRESHOLD)],
        summary: `{{ $labels.device_id }} ({{ $labels.location }}) read ${measure} {{ printf "%.1f" $values.B.Value }} standard deviations from its 1-day baseline in the last 15 minutes.`,
        severity: 'warning',
      }),
    ),
    {
      uid: 'iot-completeness',
      title: 'Incomplete readings',
      sql: ALERT_SQL.completeness(options.readingIntervalMs),
      rangeSeconds: 3600,
      steps: [reduce('B', 'A', 'last'), threshold('B', 'lt', 0.8)],
      summary: `{{ $labels.device_id }} ({{ $labels.location }}) sent {{ humanizePercentage $values.B.Value }} of the readings expected in the last hour (one every ${options.readingIntervalMs / 1000} s).`,
      severity: 'warning',
    },
  ];
  return specs.map((spec) => {
    const query = new TimestreamQueryBuilder('A', spec.sql, TimestreamFormat.TimeSeries)
      .table(quotedName(timestreamSettings.databaseName), quotedName(timestreamSettings.tableName))
      .measure(timestreamSettings.multiMeasureName)
      .waitForResult()
      .datasource({ type: 'grafana-timestream-datasource', uid: options.datasourceUid });
    const rule = new alerting.RuleBuilder(spec.title)
      .uid(spec.uid)
      .condition('C')
      .queries([
        new alerting.QueryBuilder('A').datasourceUid(options.datasourceUid).relativeTimeRange({ from: spec.rangeSeconds, to: 0 }).model(query),
        ...spec.steps.map((step) => new alerting.QueryBuilder(step.build().refId ?? '').datasourceUid('__expr__').model(step)),
      ])
      .forDuration('2m')
      .noDataState('OK')
      .execErrState('Error')
      .annotations({ summary: spec.summary })
      .labels({ severity: spec.severity, project: 'iot-timeseries' })
      .build();
    const { folderUID: _folder, orgID: _org, ruleGroup: _group, ...provisioned } = rule;
    return provisioned;
  });
}
