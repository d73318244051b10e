import type * as common from '@grafana/grafana-foundation-sdk/common';

/** What every panel's query names: the data source, and the values of `$__database`, `$__table`, `$__measure`. */
export interface PanelContext {
  datasource: common.DataSourceRef;
  /** Quoted, as the plugin's pickers return them (`"iot-timeseries-db"`). */
  database: string;
  table: string;
  measureName: string;
}
