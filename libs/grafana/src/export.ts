import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, type DashboardOptions } from './dashboard';
import { DATASOURCE_INPUT, TIMESTREAM_PLUGIN } from './plugin';

export interface GrafanaInput {
  name: string;
  label: string;
  description: string;
  type: 'datasource';
  pluginId: string;
  pluginName: string;
}

export interface GrafanaRequirement {
  type: 'grafana' | 'datasource' | 'panel';
  id: string;
  name: string;
  version: string;
}

/** A dashboard as Grafana's "Export for sharing externally" writes it: the data source is asked for on import. */
export type ImportableDashboard = { __inputs: GrafanaInput[]; __requires: GrafanaRequirement[] } & dashboard.Dashboard;

const PANEL_NAMES: Record<string, string> = { timeseries: 'Time series', table: 'Table', bargauge: 'Bar gauge', text: 'Text' };

/** The dashboard for Dashboards > New > Import: `${DS_AWS_TIMESTREAM}` everywhere, declared in `__inputs`. */
export function importableDashboard(options: Omit<DashboardOptions, 'datasourceUid'> = {}): ImportableDashboard {
  const built = buildDashboard({ ...options, datasourceUid: `\${${DATASOURCE_INPUT}}` });
  const panelTypes = new Set<string>();
  for (const panel of built.panels ?? []) {
    if ('panels' in panel) panel.panels.forEach((p) => panelTypes.add(p.type));
    else panelTypes.add(panel.type);
  }
  const requires: GrafanaRequirement[] = [
    { type: 'grafana', id: 'grafana', name: 'Grafana', version: TIMESTREAM_PLUGIN.grafanaDependency },
    { type: 'datasource', id: TIMESTREAM_PLUGIN.id, name: TIMESTREAM_PLUGIN.name, version: TIMESTREAM_PLUGIN.version },
    ...[...panelTypes].sort().map((id): GrafanaRequirement => ({ type: 'panel', id, name: PANEL_NAMES[id] ?? id, version: '' })),
  ];
  const inputs: GrafanaInput[] = [
    { name: DATASOURCE_INPUT, label: TIMESTREAM_PLUGIN.name, description: 'The Timestream data source holding the sensor readings', type: 'datasource', pluginId: TIMESTREAM_PLUGIN.id, pluginName: TIMESTREAM_PLUGIN.name },
  ];
  return { __inputs: inputs, __requires: requires, ...built, id: null };
}

/** The dashboard for file provisioning: it names a provisioned data source by its fixed uid. */
export function provisionedDashboard(datasourceUid: string, options: Omit<DashboardOptions, 'datasourceUid'> = {}): dashboard.Dashboard {
  return { ...buildDashboard({ ...options, datasourceUid }), id: null };
}
