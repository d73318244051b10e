import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as table from '@grafana/grafana-foundation-sdk/table';
import { MEASURE_NAMES, STALE_DEVICE_AFTER_SECONDS } from '@iot-timeseries/schema';
import { DASHBOARD_Z_THRESHOLD } from '@iot-timeseries/queries';
import { PANEL_SQL } from '../panel-queries';
import { TimestreamQueryBuilder } from '../timestream-query';
import type { PanelContext } from './panel-context';

const query = (ctx: PanelContext, refId: string, sql: string) => new TimestreamQueryBuilder(refId, sql).table(ctx.database, ctx.table).measure(ctx.measureName);

/** The latest reading of each device in the range, one column per measure. */
export function latestReadingsPanel(ctx: PanelContext): table.PanelBuilder {
  return new table.PanelBuilder()
    .title('Latest readings')
    .description('Per device: its last reading in the range, each measure its latest non-null value.')
    .datasource(ctx.datasource)
    .withTarget(query(ctx, 'A', PANEL_SQL.latestReadings()))
    .sortBy([new common.TableSortByFieldStateBuilder().displayName('device_id')])
    .overrideByName('time', [{ id: 'displayName', value: 'Last reading (UTC)' }])
    .gridPos({ h: 8, w: 24, x: 0, y: 0 });
}

/** Readings whose |z| against the device's 7-day baseline exceeds the dashboards' threshold, every measure. */
export function anomaliesPanel(ctx: PanelContext): table.PanelBuilder {
  const panel = new table.PanelBuilder()
    .title('Anomalies')
    .description(`Readings more than ${DASHBOARD_Z_THRESHOLD} standard deviations from their device's 7-day baseline, in the range (at most 50 per measure).`)
    .datasource(ctx.datasource)
    .transformations([
      { id: 'merge', options: {} },
      { id: 'organize', options: { excludeByName: { baseline_avg: true, baseline_stddev: true }, indexByName: { time: 0, device_id: 1, location: 2, measure: 3, value: 4, z_score: 5 } } },
      { id: 'sortBy', options: { sort: [{ field: 'time', desc: true }] } },
    ])
    .overrideByName('z_score', [{ id: 'decimals', value: 1 }])
    .gridPos({ h: 8, w: 12, x: 0, y: 0 });
  MEASURE_NAMES.forEach((m, i) => panel.withTarget(query(ctx, String.fromCharCode(65 + i), PANEL_SQL.anomalies(m))));
  return panel;
}

/** Devices seen in the last day whose last reading is older than the stale threshold. */
export function staleDevicesPanel(ctx: PanelContext): table.PanelBuilder {
  return new table.PanelBuilder()
    .title('Stale devices')
    .description(`Devices seen in the last day that have sent nothing for more than ${STALE_DEVICE_AFTER_SECONDS} s (the same analytic as the stale-devices alarm).`)
    .datasource(ctx.datasource)
    .withTarget(query(ctx, 'A', PANEL_SQL.staleDevices()))
    .noValue('Every device is reporting')
    .overrideByName('silent_seconds', [{ id: 'unit', value: 's' }])
    .thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([{ value: null, color: 'red' }]))
    .gridPos({ h: 8, w: 12, x: 0, y: 0 });
}
