import type * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { MEASURE_NAMES, MEASURES, timestreamSettings } from '@iot-timeseries/schema';
import { GrafanaOptionError } from './errors';
import { completenessPanel } from './panels/completeness-panel';
import { measurePanel } from './panels/measure-panels';
import type { PanelContext } from './panels/panel-context';
import { rollupsRow } from './panels/rollups-row';
import { anomaliesPanel, latestReadingsPanel, staleDevicesPanel } from './panels/table-panels';
import { TIMESTREAM_PLUGIN } from './plugin';
import { dashboardVariables, READING_INTERVALS_MS } from './variables';

export const DASHBOARD_UID = 'iot-timeseries-fleet';
export const DASHBOARD_TITLE = 'IoT time series — sensor fleet';

export interface DashboardOptions {
  /** The data source the panels query: `${DS_AWS_TIMESTREAM}` for import, a fixed uid for provisioning. */
  datasourceUid: string;
  /** The reading interval selected at first (ms; default 2000, the simulator's). */
  readingIntervalMs?: number;
}

/** Quoted as the plugin's pickers return names, which is what `$__database.$__table` expand to. */
export const quotedName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The fleet dashboard: one panel per catalogue measure, latest readings, anomalies, stale devices, completeness. */
export function buildDashboard(options: DashboardOptions): dashboard.Dashboard {
  const readingIntervalMs = options.readingIntervalMs ?? 2000;
  if (!(READING_INTERVALS_MS as readonly number[]).includes(readingIntervalMs)) {
    throw new GrafanaOptionError(`readingIntervalMs must be one of ${READING_INTERVALS_MS.join(', ')}, got ${readingIntervalMs}`);
  }
  const datasource: common.DataSourceRef = { type: TIMESTREAM_PLUGIN.id, uid: options.datasourceUid };
  const ctx: PanelContext = {
    datasource,
    database: quotedName(timestreamSettings.databaseName),
    table: quotedName(timestreamSettings.tableName),
    measureName: timestreamSettings.multiMeasureName,
  };
  const builder = new dashboard.DashboardBuilder(DASHBOARD_TITLE)
    .uid(DASHBOARD_UID)
    .description(`Sensor readings in Timestream ${timestreamSettings.databaseName}.${timestreamSettings.tableName}: the panels of the project's live dashboard.`)
    .tags(['iot-timeseries', 'timestream'])
    .timezone('utc')
    .editable()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .time({ from: 'now-15m', to: 'now' })
    .refresh('30s')
    .timepicker(new dashboard.TimePickerBuilder().refreshIntervals(['10s', '30s', '1m', '5m', '15m']))
    .variables(dashboardVariables(datasource, readingIntervalMs));
  for (const name of MEASURE_NAMES) builder.withPanel(measurePanel(MEASURES[name], ctx));
  builder.withPanel(latestReadingsPanel(ctx)).withPanel(anomaliesPanel(ctx)).withPanel(staleDevicesPanel(ctx)).withPanel(completenessPanel(ctx)).withRow(rollupsRow(ctx));
  const built = builder.build();
  // Stable panel ids (Grafana links and alert rules refer to them).
  let id = 1;
  for (const panel of built.panels ?? []) {
    panel.id = id++;
    if ('panels' in panel) for (const inner of panel.panels) inner.id = id++;
  }
  return built;
}
