import type { MixedMeasureMapping as QueryMixedMapping, MultiMeasureAttributeMapping as QueryAttributeMapping, MeasureValueType as QueryMeasureValueType } from '@aws-sdk/client-timestream-query';
import type { DataModel, DimensionMapping, MixedMeasureMapping, MultiMeasureAttributeMapping, TimeUnit } from '@aws-sdk/client-timestream-write';
import type { InputChecker } from '../operations/shared/validate';
import { targetProblems, type MappingRules } from '../scheduled/target-rules';

const SCALAR_TYPES = ['DOUBLE', 'BIGINT', 'BOOLEAN', 'VARCHAR', 'TIMESTAMP'] as const;
const MEASURE_TYPES = ['DOUBLE', 'BIGINT', 'VARCHAR', 'BOOLEAN', 'TIMESTAMP', 'MULTI'] as const;
const TIME_UNITS = ['MILLISECONDS', 'SECONDS', 'MICROSECONDS', 'NANOSECONDS'] as const;
/** StringValue256 */
const COLUMN_256 = { min: 1, max: 256 };
/** SchemaName */
const SCHEMA_NAME = { min: 1 };

/** A multi-measure attribute without MeasureValueType is read as DOUBLE (WriteRecords' default type). */
export const DEFAULT_ATTRIBUTE_TYPE = 'DOUBLE';
/** TimeUnit's documented default. */
export const DEFAULT_TIME_UNIT: TimeUnit = 'MILLISECONDS';

const optional = (check: InputChecker, member: string, value: unknown, path: string, limits = SCHEMA_NAME) =>
  value == null ? {} : { [member]: check.string(member, { value, path, ...limits }) };

function attributeMappings(check: InputChecker, value: unknown, path: string, required: boolean): MultiMeasureAttributeMapping[] | undefined {
  const list = check.list('MultiMeasureAttributeMappings', { value, path, required, min: 1 });
  return list?.map((item, i) => {
    const p = `${path}.${i + 1}.member`;
    const m = check.object('MultiMeasureAttributeMapping', { value: item, path: p, required: true }) ?? {};
    const type = check.enumValue('MeasureValueType', SCALAR_TYPES, { value: m.MeasureValueType, path: `${p}.measureValueType` });
    return {
      SourceColumn: check.string('SourceColumn', { value: m.SourceColumn, path: `${p}.sourceColumn`, required: true, ...SCHEMA_NAME }),
      ...optional(check, 'TargetMultiMeasureAttributeName', m.TargetMultiMeasureAttributeName, `${p}.targetMultiMeasureAttributeName`),
      ...(type ? { MeasureValueType: type } : {}),
    };
  });
}

/** Model constraints of a DataModel at `base` (e.g. `dataModelConfiguration.dataModel`); only known members are kept. */
export function readDataModel(check: InputChecker, value: unknown, base: string): DataModel | undefined {
  const model = check.object('DataModel', { value, path: base, required: true });
  if (!model) return undefined;
  const dimensions = check.list('DimensionMappings', { value: model.DimensionMappings, path: `${base}.dimensionMappings`, required: true, min: 1 }) ?? [];
  const multi = check.object('MultiMeasureMappings', { value: model.MultiMeasureMappings, path: `${base}.multiMeasureMappings` });
  const mixed = check.list('MixedMeasureMappings', { value: model.MixedMeasureMappings, path: `${base}.mixedMeasureMappings`, min: 1 });
  const timeUnit = check.enumValue('TimeUnit', TIME_UNITS, { value: model.TimeUnit, path: `${base}.timeUnit` });
  return {
    ...optional(check, 'TimeColumn', model.TimeColumn, `${base}.timeColumn`, COLUMN_256),
    ...(timeUnit ? { TimeUnit: timeUnit } : {}),
    DimensionMappings: dimensions.map((item, i): DimensionMapping => {
      const p = `${base}.dimensionMappings.${i + 1}.member`;
      const d = check.object('DimensionMapping', { value: item, path: p, required: true }) ?? {};
      return { ...optional(check, 'SourceColumn', d.SourceColumn, `${p}.sourceColumn`), ...optional(check, 'DestinationColumn', d.DestinationColumn, `${p}.destinationColumn`) };
    }),
    ...(multi
      ? {
          MultiMeasureMappings: {
            ...optional(check, 'TargetMultiMeasureName', multi.TargetMultiMeasureName, `${base}.multiMeasureMappings.targetMultiMeasureName`),
            MultiMeasureAttributeMappings: attributeMappings(check, multi.MultiMeasureAttributeMappings, `${base}.multiMeasureMappings.multiMeasureAttributeMappings`, true),
          },
        }
      : {}),
    ...(mixed
      ? {
          MixedMeasureMappings: mixed.map((item, i): MixedMeasureMapping => {
            const p = `${base}.mixedMeasureMappings.${i + 1}.member`;
            const m = check.object('MixedMeasureMapping', { value: item, path: p, required: true }) ?? {};
            const attributes = attributeMappings(check, m.MultiMeasureAttributeMappings, `${p}.multiMeasureAttributeMappings`, false);
            return {
              ...optional(check, 'MeasureName', m.MeasureName, `${p}.measureName`),
              ...optional(check, 'SourceColumn', m.SourceColumn, `${p}.sourceColumn`),
              ...optional(check, 'TargetMeasureName', m.TargetMeasureName, `${p}.targetMeasureName`),
              MeasureValueType: check.enumValue('MeasureValueType', MEASURE_TYPES, { value: m.MeasureValueType, path: `${p}.measureValueType`, required: true }),
              ...(attributes ? { MultiMeasureAttributeMappings: attributes } : {}),
            };
          }),
        }
      : {}),
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
