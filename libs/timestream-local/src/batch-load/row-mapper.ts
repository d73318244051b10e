import type { _Record, DataModel, Dimension, MeasureValue, TimeUnit } from '@aws-sdk/client-timestream-write';
import { recordPlans, type RecordPlan } from '../scheduled/target-rules';
import { DEFAULT_TIME_UNIT, dimensionTarget, mappingRules } from './data-model';

/** A data model bound to one file's header: column positions resolved once, then every row mapped with them. */
export interface RowPlan {
  timeColumn: { name: string; at: number };
  timeUnit: TimeUnit;
  dimensions: Array<{ name: string; at: number }>;
  measureNameAt?: { name: string; at: number };
  records: Array<{ plan: RecordPlan; at: Map<string, number> }>;
  version: number;
}

const INTEGER = /^-?\d+$/;

/**
 * Resolves the data model's columns against the header row. Every column the model names must be in the header
 * (a file without one of them cannot be loaded: the answer lists them); header names are matched exactly.
 */
export function planRows(model: DataModel, header: Array<string | null>, version: number): { plan: RowPlan } | { missing: string[] } {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (name !== null && !index.has(name)) index.set(name, i);
  });
  const missing: string[] = [];
  const column = (name: string, as: string) => {
    const at = index.get(name);
    if (at === undefined) missing.push(`${name} (${as})`);
    return { name, at: at ?? -1 };
  };
  const timeColumn = column(model.TimeColumn as string, 'TimeColumn');
  const dimensions = (model.DimensionMappings ?? []).map((d) => ({ ...column(d.SourceColumn as string, `dimension ${dimensionTarget(d)}`), name: dimensionTarget(d) }));
  const measureNameAt = model.MeasureNameColumn ? column(model.MeasureNameColumn, 'MeasureNameColumn') : undefined;
  const records = recordPlans(mappingRules(model)).map((plan) => {
    const at = new Map<string, number>();
    if (plan.kind === 'single') at.set(plan.source, column(plan.source, `measure ${plan.measureName}`).at);
    else for (const a of plan.attributes) at.set(a.source, column(a.source, `multi-measure attribute ${a.target}`).at);
    return { plan, at };
  });
  if (missing.length > 0) return { missing: [...new Set(missing)] };
  return { plan: { timeColumn, timeUnit: model.TimeUnit ?? DEFAULT_TIME_UNIT, dimensions, ...(measureNameAt ? { measureNameAt } : {}), records, version } };
}

const cell = (fields: Array<string | null>, at: number): string | null => (at >= 0 && at < fields.length ? fields[at] : null);

/**
 * The WriteRecords records of one data row, or why it has none. Null cells of dimensions are left out, null measure
 * values are not written; a row without a time, with a time that is not an integer of the TimeUnit, without a
 * measure name (MeasureNameColumn) that a mapping names, or without any measure value, is refused with the reason.
 */
export function mapRow(plan: RowPlan, fields: Array<string | null>): { records: _Record[] } | { reason: string } {
  const time = cell(fields, plan.timeColumn.at);
  if (time === null) return { reason: `The time column ${plan.timeColumn.name} is empty.` };
  if (!INTEGER.test(time)) return { reason: `The time column ${plan.timeColumn.name} has the value '${time}', which is not an integer number of ${plan.timeUnit.toLowerCase()} since the epoch.` };
  const dimensions: Dimension[] = [];
  for (const d of plan.dimensions) {
    const value = cell(fields, d.at);
    if (value !== null) dimensions.push({ Name: d.name, Value: value, DimensionValueType: 'VARCHAR' });
  }
  const rowMeasureName = plan.measureNameAt ? cell(fields, plan.measureNameAt.at) : undefined;
  if (plan.measureNameAt && rowMeasureName === null) return { reason: `The measure name column ${plan.measureNameAt.name} is empty.` };
  const applicable = plan.records.filter((r) => r.plan.whenMeasureName === undefined || r.plan.whenMeasureName === rowMeasureName);
  if (applicable.length === 0) return { reason: `No MixedMeasureMapping has the MeasureName '${rowMeasureName}' of column ${plan.measureNameAt?.name}.` };
  const records: _Record[] = [];
  for (const { plan: p, at } of applicable) {
    const base = { Dimensions: dimensions, Time: time, TimeUnit: plan.timeUnit, Version: plan.version };
    if (p.kind === 'single') {
      const value = cell(fields, at.get(p.source) ?? -1);
      if (value !== null) records.push({ ...base, MeasureName: p.measureName, MeasureValueType: p.type, MeasureValue: value });
      continue;
    }
    const values: MeasureValue[] = [];
    for (const a of p.attributes) {
      const value = cell(fields, at.get(a.source) ?? -1);
      if (value !== null) values.push({ Name: a.target, Type: a.type, Value: value });
    }
    if (values.length === 0) continue;
    const measureName = 'fixed' in p.measureName ? p.measureName.fixed : (rowMeasureName as string);
    records.push({ ...base, MeasureName: measureName, MeasureValueType: 'MULTI', MeasureValues: values });
  }
  if (records.length === 0) return { reason: 'The row has no measure value: every mapped measure column is empty.' };
  return { records };
}
