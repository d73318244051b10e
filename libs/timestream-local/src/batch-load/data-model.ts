import type { MixedMeasureMapping as QueryMixedMapping, MultiMeasureAttributeMapping as QueryAttributeMapping, MeasureValueType as QueryMeasureValueType } from '@aws-sdk/client-timestream-query';
import type { DataModel, DimensionMapping, MultiMeasureAttributeMapping, TimeUnit } from '@aws-sdk/client-timestream-write';
import { readMeasureMappings } from '../operations/shared/measure-mappings-check';
import type { InputChecker } from '../operations/shared/validate';
import { targetProblems, type MappingRules } from '../scheduled/target-rules';

const TIME_UNITS = ['MILLISECONDS', 'SECONDS', 'MICROSECONDS', 'NANOSECONDS'] as const;
/** StringValue256 */
const COLUMN_256 = { min: 1, max: 256 };
/** SchemaName */
const SCHEMA_NAME = { min: 1 };
/** The write model's types: an attribute's type is optional; MixedMeasureMapping allows TIMESTAMP. */
const TYPES = { attribute: ['DOUBLE', 'BIGINT', 'BOOLEAN', 'VARCHAR', 'TIMESTAMP'], attributeRequired: false, measure: ['DOUBLE', 'BIGINT', 'VARCHAR', 'BOOLEAN', 'TIMESTAMP', 'MULTI'], name: SCHEMA_NAME } as const;

/** A multi-measure attribute without MeasureValueType is read as DOUBLE (WriteRecords' default type). */
export const DEFAULT_ATTRIBUTE_TYPE = 'DOUBLE';
/** TimeUnit's documented default. */
export const DEFAULT_TIME_UNIT: TimeUnit = 'MILLISECONDS';

const optional = (check: InputChecker, member: string, value: unknown, path: string, limits = SCHEMA_NAME) =>
  value == null ? {} : { [member]: check.string(member, { value, path, ...limits }) };

/** Model constraints of a DataModel at `base` (e.g. `dataModelConfiguration.dataModel`); only known members are kept. */
export function readDataModel(check: InputChecker, value: unknown, base: string): DataModel | undefined {
  const model = check.object('DataModel', { value, path: base, required: true });
  if (!model) return undefined;
  const dimensions = check.list('DimensionMappings', { value: model.DimensionMappings, path: `${base}.dimensionMappings`, required: true, min: 1 }) ?? [];
  const timeUnit = check.enumValue('TimeUnit', TIME_UNITS, { value: model.TimeUnit, path: `${base}.timeUnit` });
  return {
    ...optional(check, 'TimeColumn', model.TimeColumn, `${base}.timeColumn`, COLUMN_256),
    ...(timeUnit ? { TimeUnit: timeUnit } : {}),
    DimensionMappings: dimensions.map((item, i): DimensionMapping => {
      const p = `${base}.dimensionMappings.${i + 1}.member`;
      const d = check.object('DimensionMapping', { value: item, path: p, required: true }) ?? {};
      return { ...optional(check, 'SourceColumn', d.SourceColumn, `${p}.sourceColumn`), ...optional(check, 'DestinationColumn', d.DestinationColumn, `${p}.destinationColumn`) };
    }),
    // the checker keeps only the enums' values, so the strings are the SDK's enum members
    ...(readMeasureMappings(check, model, base, TYPES) as Pick<DataModel, 'MultiMeasureMappings' | 'MixedMeasureMappings'>),
    ...optional(check, 'MeasureNameColumn', model.MeasureNameColumn, `${base}.measureNameColumn`, COLUMN_256),
  };
}

/** A dimension's target name: DestinationColumn, else its SourceColumn. */
export const dimensionTarget = (d: DimensionMapping): string => (d.DestinationColumn ?? d.SourceColumn) as string;

const attributeRules = (list: MultiMeasureAttributeMapping[] | undefined): QueryAttributeMapping[] | undefined =>
  list?.map((a) => ({ ...a, MeasureValueType: a.MeasureValueType ?? DEFAULT_ATTRIBUTE_TYPE }));

/** The data model in the shape of the scheduled queries' mapping rules (record plans, mapping problems). */
export function mappingRules(model: DataModel): MappingRules {
  return {
    TimeColumn: model.TimeColumn,
    MeasureNameColumn: model.MeasureNameColumn,
    DimensionMappings: (model.DimensionMappings ?? []).map((d) => ({ Name: dimensionTarget(d), DimensionValueType: 'VARCHAR' })),
    ...(model.MultiMeasureMappings
      ? { MultiMeasureMappings: { TargetMultiMeasureName: model.MultiMeasureMappings.TargetMultiMeasureName, MultiMeasureAttributeMappings: attributeRules(model.MultiMeasureMappings.MultiMeasureAttributeMappings) } }
      : {}),
    ...(model.MixedMeasureMappings
      ? {
          MixedMeasureMappings: model.MixedMeasureMappings.map(
            (m): QueryMixedMapping => ({ ...m, MeasureValueType: m.MeasureValueType as QueryMeasureValueType, MultiMeasureAttributeMappings: attributeRules(m.MultiMeasureAttributeMappings) }),
          ),
        }
      : {}),
  };
}

/** The documented rules of a data model its constraints cannot express (empty when it is fine), each naming the field. */
export function dataModelProblems(model: DataModel): string[] {
  const problems: string[] = [];
  if (!model.TimeColumn) problems.push('TimeColumn is required (the source column that holds the time)');
  (model.DimensionMappings ?? []).forEach((d, i) => {
    if (!d.SourceColumn) problems.push(`DimensionMappings[${i}].SourceColumn is required`);
  });
  (model.MixedMeasureMappings ?? []).forEach((m, i) => {
    if (m.MeasureValueType === 'TIMESTAMP') problems.push(`MixedMeasureMappings[${i}].MeasureValueType TIMESTAMP is only allowed for multi-measure attributes (MULTI)`);
  });
  if (problems.length > 0) return problems;
  return targetProblems(mappingRules(model));
}
