import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PANEL_SQL } from '../panel-queries';
import { TimestreamQueryBuilder } from '../timestream-query';
import type { PanelContext } from './panel-context';

/** Readings received vs expected per device over the bins that have ended, from its first reading in the range. */
export function completenessPanel(ctx: PanelContext): bargauge.PanelBuilder {
  return new bargauge.PanelBuilder()
    .title('Completeness')
    .description('Readings received vs expected per device, over the minutes that have ended (the one in progress is left out), from its first reading in the range.')
    .datasource(ctx.datasource)
    .withTarget(new TimestreamQueryBuilder('A', PANEL_SQL.completeness()).table(ctx.database, ctx.table).measure(ctx.measureName))
    .reduceOptions(new common.ReduceDataOptionsBuilder().values(true).calcs(['lastNotNull']).fields('/^completeness$/'))
    .displayName('${__data.fields.device_id}')
    .unit('percentunit')
    .min(0)
    .max(1)
    .decimals(1)
    .thresholds(
      new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
        { value: null, color: 'red' },
        { value: 0.8, color: 'orange' },
        { value: 0.95, color: 'green' },
      ]),
    )
    .displayMode(common.BarGaugeDisplayMode.Basic)
    .orientation(common.VizOrientation.Horizontal)
    .gridPos({ h: 8, w: 12, x: 0, y: 0 });
}
