import * as common from '@grafana/grafana-foundation-sdk/common';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import type { MeasureDefinition } from '@iot-timeseries/schema';
import { PANEL_SQL } from '../panel-queries';
import { TimestreamFormat } from '../plugin';
import { TimestreamQueryBuilder } from '../timestream-query';
import type { PanelContext } from './panel-context';

/** Grafana units for the catalogue's units. */
const GRAFANA_UNITS: Record<string, string> = { '°C': 'celsius', '%RH': 'humidity', hPa: 'pressurehpa', g: 'accG' };

/** A time series panel of one measure: long rows (device, time, value) turned into one line per device. */
export function seriesPanel(measure: MeasureDefinition, ctx: PanelContext, panel: { title: string; description: string; sql: string }): timeseries.PanelBuilder {
  return new timeseries.PanelBuilder()
    .title(panel.title)
    .description(panel.description)
    .datasource(ctx.datasource)
    .withTarget(new TimestreamQueryBuilder('A', panel.sql, TimestreamFormat.TimeSeries).table(ctx.database, ctx.table).measure(ctx.measureName))
    .unit(GRAFANA_UNITS[measure.unit] ?? 'short')
    .displayName('${__field.labels.device_id}')
    .lineWidth(1)
    .spanNulls(false)
    .showPoints(common.VisibilityMode.Never)
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom))
    .gridPos({ h: 8, w: 12, x: 0, y: 0 });
}

/** One time series panel per measure: each device's average per `$__interval_ms` bin in the dashboard range. */
export function measurePanel(measure: MeasureDefinition, ctx: PanelContext): timeseries.PanelBuilder {
  return seriesPanel(measure, ctx, {
    title: `${measure.name[0].toUpperCase()}${measure.name.slice(1)} (${measure.unit})`,
    description: `${measure.description}: each device's average per interval.`,
    sql: PANEL_SQL.measureSeries(measure.name),
  });
}
