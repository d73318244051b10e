import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as text from '@grafana/grafana-foundation-sdk/text';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { MEASURE_NAMES, MEASURES, rollupSettings } from '@iot-timeseries/schema';
import { PANEL_SQL } from '../panel-queries';
import { TimestreamQueryBuilder } from '../timestream-query';
import { seriesPanel } from './measure-panels';
import type { PanelContext } from './panel-context';

const { perHour, dataQuality } = rollupSettings;

/** Each measure's hourly average per device over the range, from the hourly rollup. */
function hourlyPanel(measure: (typeof MEASURES)[keyof typeof MEASURES], ctx: PanelContext, index: number): timeseries.PanelBuilder {
  return seriesPanel(measure, ctx, {
    title: `Hourly ${measure.name} (${measure.unit}, rollup)`,
    description: `${measure.description}: each device's hourly average, from the ${perHour.table.tableName} rollup table (the hours since its last run from the readings).`,
    sql: PANEL_SQL.hourlyRollup(measure.name),
  }).gridPos({ h: 8, w: 12, x: (index % 2) * 12, y: 4 + Math.floor(index / 2) * 8 });
}

/** Readings received vs expected, silent minutes, gaps and readings put aside per device over the range. */
function dataQualityPanel(ctx: PanelContext): table.PanelBuilder {
  return new table.PanelBuilder()
    .title('Data quality (rollup)')
    .description(
      `Per device over the range, from the ${dataQuality.table.tableName} rollup table: readings received against expected (one every "Reading every"), ` +
        'ended minutes without a reading, gaps (stretches of such minutes), and readings put aside (invalid, or refused by Timestream).',
    )
    .datasource(ctx.datasource)
    .withTarget(new TimestreamQueryBuilder('A', PANEL_SQL.dataQuality()).table(ctx.database, ctx.table).measure(ctx.measureName))
    .sortBy([new common.TableSortByFieldStateBuilder().displayName('completeness')])
    .overrideByName('completeness', [
      { id: 'unit', value: 'percentunit' },
      { id: 'decimals', value: 1 },
    ])
    .overrideByName('expected', [{ id: 'decimals', value: 0 }])
    .thresholds(
      new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
        { value: null, color: 'red' },
        { value: 0.8, color: 'orange' },
        { value: 0.95, color: 'green' },
      ]),
    )
    .gridPos({ h: 8, w: 24, x: 0, y: 4 + Math.ceil(MEASURE_NAMES.length / 2) * 8 });
}

/**
 * Long ranges: panels on the rollup tables the scheduled queries write (libs/schema's rollups), so a month
 * reads hourly rows instead of every reading. Collapsed: Grafana queries a collapsed row's panels only when
 * it is opened.
 */
export function rollupsRow(ctx: PanelContext): dashboard.RowBuilder {
  const row = new dashboard.RowBuilder('Long ranges (rollups)').collapsed(true);
  row.withPanel(
    new text.PanelBuilder()
      .title('About these panels')
      .mode(text.TextMode.Markdown)
      .content(
        `Hourly figures from the rollup tables that Timestream scheduled queries write every hour (\`${perHour.table.tableName}\`, \`${dataQuality.table.tableName}\`), ` +
          'with the hours since their last run read from the readings. Choose a range of days or months: a 30-day range reads 720 rows per device ' +
          'instead of every reading. The panels above read every reading in their range; keep them to hours.',
      )
      .gridPos({ h: 4, w: 24, x: 0, y: 0 }),
  );
  MEASURE_NAMES.forEach((name, i) => row.withPanel(hourlyPanel(MEASURES[name], ctx, i)));
  return row.withPanel(dataQualityPanel(ctx));
}
