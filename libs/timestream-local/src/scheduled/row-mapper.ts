import type { Datum, TimestreamConfiguration } from '@aws-sdk/client-timestream-query';
import type { _Record, Dimension, MeasureValue } from '@aws-sdk/client-timestream-write';
import type { ResultColumn } from './mapping-columns';
import { recordPlans, type RecordPlan } from './target-rules';

/** A record to write and the result row it came from. */
export interface MappedRecord {
  row: number;
  record: _Record;
}

/** A result row that cannot become records (the error report's "row parse and validation" errors). */
export interface RowError {
  row: number;
  reason: string;
  rawLine: string;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** A result TIMESTAMP (`2024-01-01 10:00:00.000000000`) as epoch nanoseconds text, or undefined when it is not one. */
export function timestampToNanos(text: string): string | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return (BigInt(ms) * 1_000_000n + BigInt((m[7] ?? '').padEnd(9, '0'))).toString();
}

const scalar = (d: Datum | undefined): string | undefined => (d === undefined || d.NullValue ? undefined : d.ScalarValue);

/**
 * Turns query result rows into WriteRecords records as TargetConfiguration.TimestreamConfiguration says (time in
 * nanoseconds, every record with `version`). Null dimensions are left out of the record, null measure values are
 * not written (a record without any value is not written at all); a row without a time, without a measure name
 * (MeasureNameColumn) or whose measure name no MixedMeasureMapping names is a row error.
 */
export function mapResultRows(target: TimestreamConfiguration, columns: ResultColumn[], rows: Datum[][], version: number): { records: MappedRecord[]; rowErrors: RowError[] } {
  const index = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!index.has(c.name)) index.set(c.name, i);
  });
  const at = (row: Datum[], column: string): Datum | undefined => row[index.get(column) ?? -1];
  const plans = recordPlans(target);
  const records: MappedRecord[] = [];
  const rowErrors: RowError[] = [];

  rows.forEach((row, r) => {
    const fail = (reason: string) => rowErrors.push({ row: r, reason, rawLine: rawLine(columns, row) });
    const timeText = scalar(at(row, target.TimeColumn as string));
    if (timeText === undefined) return fail(`The time column ${target.TimeColumn} is null.`);
    const time = timestampToNanos(timeText);
    if (time === undefined) return fail(`The time column ${target.TimeColumn} has the value ${timeText}, which is not a timestamp.`);
    const dimensions: Dimension[] = [];
    for (const d of target.DimensionMappings ?? []) {
      const value = scalar(at(row, d.Name as string));
      if (value !== undefined) dimensions.push({ Name: d.Name, Value: value, DimensionValueType: 'VARCHAR' });
    }
    const rowMeasureName = target.MeasureNameColumn ? scalar(at(row, target.MeasureNameColumn)) : undefined;
    if (target.MeasureNameColumn && !rowMeasureName) return fail(`The measure name column ${target.MeasureNameColumn} is null or empty.`);
    const applicable = plans.filter((p) => p.whenMeasureName === undefined || p.whenMeasureName === rowMeasureName);
    if (applicable.length === 0) return fail(`No MixedMeasureMapping has the MeasureName ${rowMeasureName} of column ${target.MeasureNameColumn}.`);
    for (const plan of applicable) {
      const record = planRecord(plan, row, at, rowMeasureName);
      if (record) records.push({ row: r, record: { ...record, Dimensions: dimensions, Time: time, TimeUnit: 'NANOSECONDS', Version: version } });
    }
  });
  return { records, rowErrors };
}

function planRecord(plan: RecordPlan, row: Datum[], at: (row: Datum[], column: string) => Datum | undefined, rowMeasureName: string | undefined): _Record | undefined {
  if (plan.kind === 'single') {
    const value = scalar(at(row, plan.source));
    return value === undefined ? undefined : { MeasureName: plan.measureName, MeasureValueType: plan.type, MeasureValue: value };
  }
  const values: MeasureValue[] = [];
  for (const a of plan.attributes) {
    const text = scalar(at(row, a.source));
    if (text === undefined) continue;
    values.push({ Name: a.target, Type: a.type, Value: a.type === 'TIMESTAMP' ? (timestampToNanos(text) ?? text) : text });
  }
  if (values.length === 0) return undefined;
  const measureName = 'fixed' in plan.measureName ? plan.measureName.fixed : rowMeasureName;
  return { MeasureName: measureName, MeasureValueType: 'MULTI', MeasureValues: values };
}

/** A row as `{"column": value, ...}` text, for the error report. */
function rawLine(columns: ResultColumn[], row: Datum[]): string {
  return JSON.stringify(Object.fromEntries(columns.map((c, i) => [c.name, scalar(row[i]) ?? null])));
}
