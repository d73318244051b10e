import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as text from '@grafana/grafana-foundation-sdk/text';

/**
 * The place for long-range panels: collapsed until the rollup tables exist (scheduled queries
 * writing per-hour aggregates), so a month-long range does not read every raw reading.
 */
export function rollupsRow(): dashboard.RowBuilder {
  return new dashboard.RowBuilder('Long ranges (rollups)')
    .collapsed(true)
    .withPanel(
      new text.PanelBuilder()
        .title('Rollups')
        .mode(text.TextMode.Markdown)
        .content(
          'Panels for ranges of days and months will read hourly rollup tables written by Timestream scheduled queries, ' +
            'instead of the raw readings the panels above read. They come with the rollups work; until then, keep long ranges ' +
            'to a few hours on the panels above (each reads every reading in its range).',
        )
        .gridPos({ h: 4, w: 24, x: 0, y: 0 }),
    );
}
