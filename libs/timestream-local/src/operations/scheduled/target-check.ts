import type { DimensionMapping, TimestreamConfiguration } from '@aws-sdk/client-timestream-query';
import { readMeasureMappings } from '../shared/measure-mappings-check';
import type { InputChecker } from '../shared/validate';

/** The query model's types: an attribute's type is required; MixedMeasureMapping has no TIMESTAMP. */
const TYPES = { attribute: ['BIGINT', 'BOOLEAN', 'DOUBLE', 'VARCHAR', 'TIMESTAMP'], attributeRequired: true, measure: ['BIGINT', 'BOOLEAN', 'DOUBLE', 'VARCHAR', 'MULTI'], name: {} } as const;

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
    // the checker keeps only the enums' values, so the strings are the SDK's enum members
    ...(readMeasureMappings(check, ts, base, TYPES) as Pick<TimestreamConfiguration, 'MultiMeasureMappings' | 'MixedMeasureMappings'>),
    ...optional(check, 'MeasureNameColumn', ts.MeasureNameColumn, `${base}.measureNameColumn`),
  };
}
