import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import type { AlarmDefinition, AlarmScope } from '@iot-timeseries/schema';
import { Construct } from 'constructs';

export interface PipelineDashboardProps {
  dashboardName: string;
  region: string;
  definitions: readonly AlarmDefinition[];
  dimensions: Record<AlarmScope, Record<string, string>>;
  /** Extra metric rows: [namespace, metricName, dimensions, statistic]. */
  extraMetrics: Array<{ title: string; namespace: string; metric: string; dimensions: Record<string, string>; stat: string }>;
}

/** A CloudWatch dashboard of pipeline health: every alarmed metric plus throughput, one graph each. */
export class PipelineDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: PipelineDashboardProps) {
    super(scope, id);
    const graphs = [
      ...props.definitions.map((d) => ({ title: d.description, namespace: d.namespace, metric: d.metricName, dimensions: props.dimensions[d.scope], stat: d.statistic, threshold: d.threshold })),
      ...props.extraMetrics.map((m) => ({ ...m, threshold: undefined as number | undefined })),
    ];
    const widgets = graphs.map((g, i) => ({
      type: 'metric',
      x: (i % 2) * 12,
      y: Math.floor(i / 2) * 6,
      width: 12,
      height: 6,
      properties: {
        title: g.title,
        region: props.region,
        stat: g.stat,
        period: 300,
        metrics: [[g.namespace, g.metric, ...Object.entries(g.dimensions).flat()]],
        ...(g.threshold === undefined ? {} : { annotations: { horizontal: [{ value: g.threshold, label: 'alarm threshold' }] } }),
      },
    }));
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', { dashboardName: props.dashboardName, dashboardBody: JSON.stringify({ widgets }) });
  }
}
