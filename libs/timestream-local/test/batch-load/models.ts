import type { DataModel } from '@aws-sdk/client-timestream-write';

/** A mixed-measure data model: a single DOUBLE for `temperature` rows, a MULTI `state` for `status` rows. */
export const MIXED_MODEL: DataModel = {
  TimeColumn: 'time',
  DimensionMappings: [{ SourceColumn: 'device_id' }],
  MeasureNameColumn: 'kind',
  MixedMeasureMappings: [
    { MeasureName: 'temperature', SourceColumn: 'value', MeasureValueType: 'DOUBLE' },
    { MeasureName: 'status', TargetMeasureName: 'state', MeasureValueType: 'MULTI', MultiMeasureAttributeMappings: [{ SourceColumn: 'code', MeasureValueType: 'BIGINT' }] },
  ],
};
/** Its source columns. */
export const MIXED_HEADER = ['time', 'device_id', 'kind', 'value', 'code'];
