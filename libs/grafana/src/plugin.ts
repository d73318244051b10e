import { templateToken, timeRangeTemplate } from '@iot-timeseries/queries';

/**
 * The Grafana Timestream plugin (`grafana-timestream-datasource`) as the dashboard uses it: its
 * id, its macros (expanded by its backend, by plain text replacement) and its query model.
 */
export const TIMESTREAM_PLUGIN = {
  id: 'grafana-timestream-datasource',
  name: 'Amazon Timestream',
  /** The plugin version the dashboard was written against (its `plugin.json` asks for Grafana >= 10.4). */
  version: '2.13.0',
  grafanaDependency: '10.4.0',
} as const;

/** The import-time input an exported dashboard names its data source by. */
export const DATASOURCE_INPUT = 'DS_AWS_TIMESTREAM';

/** `$__timeFilter`, `$__timeFrom`, `$__timeTo`: the dashboard's time range. */
export const PLUGIN_TIME_RANGE = timeRangeTemplate('$__timeFilter', '$__timeFrom', '$__timeTo');
/** `$__interval_ms`: the panel's interval as a Timestream duration (`60000ms`). */
export const PLUGIN_INTERVAL = templateToken('$__interval_ms');
/** `$__database.$__table`: the query's (or the data source's default) quoted names. */
export const PLUGIN_TABLE = { database: templateToken('$__database'), table: templateToken('$__table') };

/** The plugin's result formats: a table frame, or long rows turned into wide series. */
export enum TimestreamFormat {
  Table = 0,
  TimeSeries = 1,
}
