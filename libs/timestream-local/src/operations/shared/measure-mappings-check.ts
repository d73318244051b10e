import type { InputChecker } from './validate';

/** A multi-measure attribute mapping as both models have it (the query model requires its type, the write model not). */
export interface AttributeMappingInput {
  SourceColumn: string | undefined;
  TargetMultiMeasureAttributeName?: string;
  MeasureValueType?: string;
}

export interface MixedMappingInput {
  MeasureName?: string;
  SourceColumn?: string;
  TargetMeasureName?: string;
  MeasureValueType: string | undefined;
  MultiMeasureAttributeMappings?: AttributeMappingInput[];
}

export interface MeasureMappingsInput {
  MultiMeasureMappings?: { TargetMultiMeasureName?: string; MultiMeasureAttributeMappings: AttributeMappingInput[] | undefined };
  MixedMeasureMappings?: MixedMappingInput[];
}

export interface MeasureTypes {
  /** the attribute types allowed (ScalarMeasureValueType) and whether one is required */
  attribute: readonly string[];
  attributeRequired: boolean;
  /** MixedMeasureMapping.MeasureValueType's values */
  measure: readonly string[];
  /** a mapping's column names: their length limits (SchemaName) */
  name: { min?: number };
}

const optional = (check: InputChecker, member: string, value: unknown, path: string, limits: { min?: number }) =>
  value == null ? {} : { [member]: check.string(member, { value, path, ...limits }) };

function attributeMappings(check: InputChecker, value: unknown, path: string, required: boolean, types: MeasureTypes): AttributeMappingInput[] | undefined {
  const list = check.list('MultiMeasureAttributeMappings', { value, path, required, min: 1 });
  return list?.map((item, i) => {
    const p = `${path}.${i + 1}.member`;
    const m = check.object('MultiMeasureAttributeMapping', { value: item, path: p, required: true }) ?? {};
    const type = check.enumValue('MeasureValueType', types.attribute, { value: m.MeasureValueType, path: `${p}.measureValueType`, required: types.attributeRequired });
    return {
      SourceColumn: check.string('SourceColumn', { value: m.SourceColumn, path: `${p}.sourceColumn`, required: true, ...types.name }),
      ...optional(check, 'TargetMultiMeasureAttributeName', m.TargetMultiMeasureAttributeName, `${p}.targetMultiMeasureAttributeName`, types.name),
      ...(type !== undefined || types.attributeRequired ? { MeasureValueType: type } : {}),
    };
  });
}

/** Model constraints of the MultiMeasureMappings and MixedMeasureMappings members of `mapping` at `base` (a scheduled
 *  query's TimestreamConfiguration, a batch load's DataModel); only known members are kept. */
export function readMeasureMappings(check: InputChecker, mapping: Record<string, unknown>, base: string, types: MeasureTypes): MeasureMappingsInput {
  const multi = check.object('MultiMeasureMappings', { value: mapping.MultiMeasureMappings, path: `${base}.multiMeasureMappings` });
  const mixed = check.list('MixedMeasureMappings', { value: mapping.MixedMeasureMappings, path: `${base}.mixedMeasureMappings`, min: 1 });
  return {
    ...(multi
      ? {
          MultiMeasureMappings: {
            ...optional(check, 'TargetMultiMeasureName', multi.TargetMultiMeasureName, `${base}.multiMeasureMappings.targetMultiMeasureName`, types.name),
            MultiMeasureAttributeMappings: attributeMappings(check, multi.MultiMeasureAttributeMappings, `${base}.multiMeasureMappings.multiMeasureAttributeMappings`, true, types),
          },
        }
      : {}),
    ...(mixed
      ? {
          MixedMeasureMappings: mixed.map((item, i): MixedMappingInput => {
            const p = `${base}.mixedMeasureMappings.${i + 1}.member`;
            const m = check.object('MixedMeasureMapping', { value: item, path: p, required: true }) ?? {};
            const attributes = attributeMappings(check, m.MultiMeasureAttributeMappings, `${p}.multiMeasureAttributeMappings`, false, types);
            return {
              ...optional(check, 'MeasureName', m.MeasureName, `${p}.measureName`, types.name),
              ...optional(check, 'SourceColumn', m.SourceColumn, `${p}.sourceColumn`, types.name),
              ...optional(check, 'TargetMeasureName', m.TargetMeasureName, `${p}.targetMeasureName`, types.name),
              MeasureValueType: check.enumValue('MeasureValueType', types.measure, { value: m.MeasureValueType, path: `${p}.measureValueType`, required: true }),
              ...(attributes ? { MultiMeasureAttributeMappings: attributes } : {}),
            };
          }),
        }
      : {}),
  };
}
