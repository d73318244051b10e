import type { DimensionMapping, MixedMeasureMapping, MultiMeasureAttributeMapping, TimestreamConfiguration } from '@aws-sdk/client-timestream-query';
import type { InputChecker } from '../shared/validate';

const SCALAR_TYPES = ['BIGINT', 'BOOLEAN', 'DOUBLE', 'VARCHAR', 'TIMESTAMP'] as const;
const MEASURE_TYPES = ['BIGINT', 'BOOLEAN', 'DOUBLE', 'VARCHAR', 'MULTI'] as const;

function attributeMappings(check: InputChecker, value: unknown, path: string, required: boolean): MultiMeasureAttributeMapping[] | undefined {
  const list = check.list('MultiMeasureAttributeMappings', { value, path, required, min: 1 });
  return list?.map((item, i) => {
    const p = `${path}.${i + 1}.member`;
    const m = check.object('MultiMeasureAttributeMapping', { value: item, path: p, required: true }) ?? {};
    return {
      SourceColumn: check.string('SourceColumn', { value: m.SourceColumn, path: `${p}.sourceColumn`, required: true }),
      ...(m.TargetMultiMeasureAttributeName != null ? { TargetMultiMeasureAttributeName: check.string('TargetMultiMeasureAttributeName', { value: m.TargetMultiMeasureAttributeName, path: `${p}.targetMultiMeasureAttributeName` }) } : {}),
      MeasureValueType: check.enumValue('MeasureValueType', SCALAR_TYPES, { value: m.MeasureValueType, path: `${p}.measureValueType`, required: true }),
    };
  });
}

const optional = (check: InputChecker, member: string, value: unknown, path: string) =>
  value == null ? {} : { [member]: check.string(member, { value, path }) };

/** Model constraints of TargetConfiguration.TimestreamConfiguration; returns it as the SDK shape (only known members). */
export function readTarget(check: InputChecker, value: unknown): TimestreamConfiguration | undefined {
  const target = check.object('TargetConfiguration', { value, path: 'targetConfiguration' });
  if (!target) return undefined;
  const base = 'targetConfiguration.timestreamConfiguration';
  const ts = check.object('TimestreamConfiguration', { value: target.TimestreamConfiguration, path: base, required: true });
  if (!ts) return undefined;
  const dimensions = check.list('DimensionMappings', { value: ts.DimensionMappings, path: `${base}.dimensionMappings`, required: true }) ?? [];
  const multi = check.object('MultiMeasureMappings', { value: ts.MultiMeasureMappings, path: `${base}.multiMeasureMappings` });
  const mixed = check.list('MixedMeasureMappings', { value: ts.MixedMeasureMappings, path: `${base}.mixedMeasureMappings`, min: 1 });
  return {
    DatabaseName: check.string('DatabaseName', { value: ts.DatabaseName, path: `${base}.databaseName`, required: true }),
    TableName: check.string('TableName', { value: ts.TableName, path: `${base}.tableName`, required: true }),
    TimeColumn: check.string('TimeColumn', { value: ts.TimeColumn, path: `${base}.timeColumn`, required: true }),
    DimensionMappings: dimensions.map((item, i): DimensionMapping => {
      const p = `${base}.dimensionMappings.${i + 1}.member`;
      const d = check.object('DimensionMapping', { value: item, path: p, required: true }) ?? {};
      return {
        Name: check.string('Name', { value: d.Name, path: `${p}.name`, required: true }),
        DimensionValueType: check.enumValue('DimensionValueType', ['VARCHAR'] as const, { value: d.DimensionValueType, path: `${p}.dimensionValueType`, required: true }),
      };
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
    ...optional(check, 'MeasureNameColumn', ts.MeasureNameColumn, `${base}.measureNameColumn`),
  };
}
