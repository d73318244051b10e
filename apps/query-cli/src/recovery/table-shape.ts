import type { DataModel, ScalarMeasureValueType } from '@aws-sdk/client-timestream-write';
import { quoteIdentifier } from '@iot-timeseries/queries';
import { CliError } from '../errors';

/** What a table holds, from `DESCRIBE`: its dimensions and its multi-measure attributes with their types. */
export interface TableShape {
  dimensions: string[];
  measures: Array<{ name: string; type: ScalarMeasureValueType }>;
}

const TYPES: Record<string, ScalarMeasureValueType> = { double: 'DOUBLE', bigint: 'BIGINT', varchar: 'VARCHAR', boolean: 'BOOLEAN', timestamp: 'TIMESTAMP' };

/** The exported column of the record time (nanoseconds since the epoch, so no precision is lost). */
export const TIME_COLUMN = 'time_ns';

/** Reads DESCRIBE's rows (`Column`, `Type`, `Timestream attribute type`); single-measure tables (measure_value::…) are refused. */
export function tableShape(rows: Array<{ column: string; type: string; attribute: string }>, table: string): TableShape {
  const single = rows.filter((r) => r.attribute === 'MEASURE_VALUE').map((r) => r.column);
  if (single.length > 0) throw new CliError(`${table} has single-measure records (${single.join(', ')}); export and import handle multi-measure tables only`);
  const dimensions = rows.filter((r) => r.attribute === 'DIMENSION').map((r) => r.column);
  const measures = rows
    .filter((r) => r.attribute === 'MULTI')
    .map((r) => {
      const type = TYPES[r.type.toLowerCase()];
      if (!type) throw new CliError(`${table}: the measure ${r.column} has the type ${r.type}, which a batch load cannot write`);
      return { name: r.column, type };
    });
  if (dimensions.length === 0 || measures.length === 0) throw new CliError(`${table} has no ${dimensions.length === 0 ? 'dimension' : 'measure'} to export (is it empty?)`);
  return { dimensions, measures };
}

/** The UNLOAD that exports every record: dimensions, measure_name, time and timestamps as integers of nanoseconds, CSV with a header. */
export function exportSql(shape: TableShape, table: string, s3Folder: string): string {
  const measure = (m: TableShape['measures'][number]) => (m.type === 'TIMESTAMP' ? `to_nanoseconds(${quoteIdentifier(m.name)}) AS ${quoteIdentifier(m.name)}` : quoteIdentifier(m.name));
  const columns = [...shape.dimensions.map((d) => quoteIdentifier(d)), 'measure_name', `to_nanoseconds(time) AS ${TIME_COLUMN}`, ...shape.measures.map(measure)];
  const folder = `${s3Folder.replace(/\/+$/, '')}/`.replace(/'/g, "''");
  return `UNLOAD (SELECT ${columns.join(', ')} FROM ${table}) TO '${folder}' WITH (format = 'CSV', compression = 'NONE', include_header = 'true')`;
}

/** The batch-load data model that reads the export back into the same records. */
export function exportDataModel(shape: TableShape): DataModel {
  return {
    TimeColumn: TIME_COLUMN,
    TimeUnit: 'NANOSECONDS',
    DimensionMappings: shape.dimensions.map((d) => ({ SourceColumn: d, DestinationColumn: d })),
    MeasureNameColumn: 'measure_name',
    MultiMeasureMappings: { MultiMeasureAttributeMappings: shape.measures.map((m) => ({ SourceColumn: m.name, TargetMultiMeasureAttributeName: m.name, MeasureValueType: m.type })) },
  };
}

/** Per device: rows, first and last time, and each measure's count and sum (rounded), what verify compares. */
export function checksumSql(shape: TableShape, table: string, deviceDimension: string): string {
  const per = shape.measures.flatMap((m) => {
    const c = quoteIdentifier(m.name);
    const value = m.type === 'DOUBLE' ? `round(sum(${c}), 6)` : m.type === 'BIGINT' ? `sum(${c})` : m.type === 'BOOLEAN' ? `count_if(${c})` : m.type === 'TIMESTAMP' ? `sum(to_milliseconds(${c}))` : `sum(length(${c}))`;
    return [`count(${c})`, value];
  });
  const device = quoteIdentifier(deviceDimension);
  return `SELECT ${device} AS device, count(*) AS records, min(time) AS first_time, max(time) AS last_time, ${per.join(', ')} FROM ${table} GROUP BY ${device} ORDER BY ${device}`;
}
