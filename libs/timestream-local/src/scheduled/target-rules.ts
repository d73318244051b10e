import type { MultiMeasureAttributeMapping, TimestreamConfiguration } from '@aws-sdk/client-timestream-query';
import type { ScalarType } from '../storage/catalog-types';

/** The measure part of a mapping: a scheduled query's target, or a batch-load data model put in this shape. */
export type MeasureMappingRules = Pick<TimestreamConfiguration, 'MeasureNameColumn' | 'MultiMeasureMappings' | 'MixedMeasureMappings'>;
/** A whole mapping: time column, dimensions (by target name) and measures. */
export type MappingRules = MeasureMappingRules & Pick<TimestreamConfiguration, 'TimeColumn' | 'DimensionMappings'>;

/** One record a result row turns into, as the mapping says. */
export type RecordPlan =
  | { kind: 'multi'; measureName: { fixed: string } | { column: string }; attributes: AttributePlan[]; whenMeasureName?: string }
  | { kind: 'single'; measureName: string; source: string; type: Exclude<ScalarType, 'TIMESTAMP'>; whenMeasureName?: string };

export interface AttributePlan {
  source: string;
  target: string;
  type: ScalarType;
}

const attributePlans = (mappings: MultiMeasureAttributeMapping[] | undefined): AttributePlan[] =>
  (mappings ?? []).map((m) => ({ source: m.SourceColumn as string, target: m.TargetMultiMeasureAttributeName ?? (m.SourceColumn as string), type: m.MeasureValueType as ScalarType }));

/** The records of a row: MultiMeasureMappings make one MULTI record; each MixedMeasureMapping one record (for the
 *  rows whose MeasureNameColumn value is its MeasureName, when there is a MeasureNameColumn). */
export function recordPlans(target: MeasureMappingRules): RecordPlan[] {
  const nameColumn = target.MeasureNameColumn;
  if (target.MultiMeasureMappings) {
    const measureName = nameColumn ? { column: nameColumn } : { fixed: target.MultiMeasureMappings.TargetMultiMeasureName as string };
    return [{ kind: 'multi', measureName, attributes: attributePlans(target.MultiMeasureMappings.MultiMeasureAttributeMappings) }];
  }
  return (target.MixedMeasureMappings ?? []).map((m): RecordPlan => {
    const when = nameColumn ? { whenMeasureName: m.MeasureName as string } : {};
    if (m.MeasureValueType === 'MULTI') {
      return { kind: 'multi', measureName: { fixed: (m.TargetMeasureName ?? m.MeasureName) as string }, attributes: attributePlans(m.MultiMeasureAttributeMappings), ...when };
    }
    const source = m.SourceColumn as string;
    return { kind: 'single', measureName: m.TargetMeasureName ?? m.MeasureName ?? source, source, type: m.MeasureValueType as Exclude<ScalarType, 'TIMESTAMP'>, ...when };
  });
}

/** The mapping rules of the model's documentation that its constraints cannot express (empty when it is fine). */
export function targetProblems(target: MappingRules): string[] {
  const problems: string[] = [];
  const nameColumn = target.MeasureNameColumn;
  if (!target.MultiMeasureMappings === !target.MixedMeasureMappings) problems.push('exactly one of MultiMeasureMappings and MixedMeasureMappings must be given');
  if (target.MultiMeasureMappings && !target.MultiMeasureMappings.TargetMultiMeasureName && !nameColumn) {
    problems.push('MultiMeasureMappings.TargetMultiMeasureName is required when MeasureNameColumn is not given');
  }
  (target.MixedMeasureMappings ?? []).forEach((m, i) => {
    const at = `MixedMeasureMappings[${i}]`;
    if (nameColumn && !m.MeasureName) problems.push(`${at}.MeasureName is required when MeasureNameColumn is given`);
    if (m.MeasureValueType === 'MULTI') {
      if (!m.MultiMeasureAttributeMappings) problems.push(`${at}.MultiMeasureAttributeMappings is required when MeasureValueType is MULTI`);
      if (!m.TargetMeasureName && !m.MeasureName) problems.push(`${at} needs TargetMeasureName or MeasureName to name its MULTI records`);
    } else {
      if (!m.SourceColumn) problems.push(`${at}.SourceColumn is required when MeasureValueType is ${m.MeasureValueType}`);
      if (m.MultiMeasureAttributeMappings) problems.push(`${at}.MultiMeasureAttributeMappings is only allowed when MeasureValueType is MULTI`);
    }
  });
  const dimensions = (target.DimensionMappings ?? []).map((d) => d.Name as string);
  const repeated = dimensions.filter((d, i) => dimensions.indexOf(d) !== i);
  if (repeated.length > 0) problems.push(`dimension ${repeated[0]} is mapped more than once`);
  if (dimensions.includes(target.TimeColumn as string)) problems.push(`the time column ${target.TimeColumn} cannot also be a dimension`);
  if (problems.length === 0) {
    for (const plan of recordPlans(target)) {
      if (plan.kind !== 'multi') continue;
      const names = plan.attributes.map((a) => a.target);
      const twice = names.find((n, i) => names.indexOf(n) !== i);
      if (twice) problems.push(`the multi-measure attribute ${twice} is mapped more than once`);
    }
  }
  return problems;
}
