import * as common from '@grafana/grafana-foundation-sdk/common';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import type { MeasureDefinition } from '@iot-timeseries/schema';
import { PANEL_SQL } from '../panel-queries';
import { TimestreamFormat } from '../plugin';
import { TimestreamQueryBuilder } from '../timestream-query';
import type { PanelContext } from './panel-context';

/** Grafana units for the catalogue's units. */
export const GRAFANA_UNITS: Record<string, string> = { '°C': 'celsius', '%RH': 'humidity', hPa: 'pressurehpa', g: 'accG' };

/** One time series panel per measure: each device's average per `$__interval_ms` bin in the dashboard range. */
export function measurePanel(measure: MeasureDefinition, ctx: PanelContext): timeseries.PanelBuilder {
  return new timeseries.PanelBuilder()
    .title(`${measure.name[0].toUpperCase()}${measure.name.slice(1)} (${measure.unit})`)
    .description(`${measure.description}: each device's average per interval.`)
    .datasource(ctx.datasource)
    .withTarget(new TimestreamQueryBuilder('A', PANEL_SQL.measureSeries(measure.name), TimestreamFormat.TimeSeries).table(ctx.database, ctx.table).measure(ctx.measureName))
    .unit(GRAFANA_UNITS[measure.unit] ?? 'short')
    .displayName('${__field.labels.device_id}')
    .lineWidth(1)
    .spanNulls(false)
    .showPoints(common.VisibilityMode.Never)
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom))
    .gridPos({ h: 8, w: 12, x: 0, y: 0 });
}
