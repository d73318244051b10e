import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as common from '@grafana/grafana-foundation-sdk/common';
import { TimestreamFormat } from './plugin';

/** One query of the Timestream plugin, as panels and alert rules store it. */
export interface TimestreamQuery extends cog.Dataquery {
  refId: string;
  queryType: 'raw';
  rawQuery: string;
  format: TimestreamFormat;
  /** The backend pages to the end before answering (what alerting needs). */
  waitForResult?: boolean;
  /** Values for `$__database`, `$__table`, `$__measure` (quoted as the plugin's pickers return them). */
  database?: string;
  table?: string;
  measure?: string;
  datasource?: common.DataSourceRef;
  hide?: boolean;
}

/** Builds a Timestream plugin query for a panel target or an alert rule. */
export class TimestreamQueryBuilder implements cog.Builder<cog.Dataquery> {
  private readonly query: TimestreamQuery;

  constructor(refId: string, rawQuery: string, format: TimestreamFormat = TimestreamFormat.Table) {
    this.query = { refId, queryType: 'raw', rawQuery, format, _implementsDataqueryVariant: () => undefined };
  }

  table(database: string, table: string): this {
    this.query.database = database;
    this.query.table = table;
    return this;
  }

  measure(measure: string): this {
    this.query.measure = measure;
    return this;
  }

  waitForResult(): this {
    this.query.waitForResult = true;
    return this;
  }

  datasource(ref: common.DataSourceRef): this {
    this.query.datasource = ref;
    return this;
  }

  build(): TimestreamQuery {
    return { ...this.query };
  }
}
