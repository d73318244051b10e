import type { DataModel } from '@aws-sdk/client-timestream-write';
import { dataModelProblems } from '../../src/batch-load/data-model';
import { MIXED_HEADER, MIXED_MODEL } from './models';
import { mapRow, planRows, type RowPlan } from '../../src/batch-load/row-mapper';

const multi: DataModel = {
  TimeColumn: 'ts',
  TimeUnit: 'SECONDS',
  DimensionMappings: [{ SourceColumn: 'device', DestinationColumn: 'device_id' }, { SourceColumn: 'site' }],
  MultiMeasureMappings: {
    TargetMultiMeasureName: 'readings',
    MultiMeasureAttributeMappings: [
      { SourceColumn: 'temp', TargetMultiMeasureAttributeName: 'temperature', MeasureValueType: 'DOUBLE' },
      { SourceColumn: 'ok', MeasureValueType: 'BOOLEAN' },
      { SourceColumn: 'hum' },
    ],
  },
};

const planOf = (model: DataModel, header: string[], version = 1): RowPlan => {
  const planned = planRows(model, header, version);
  if ('missing' in planned) throw new Error(planned.missing.join());
  return planned.plan;
};

describe('batch-load row mapping', () => {
  it('maps a row to a MULTI record: dimensions renamed, attribute types (DOUBLE by default), time in the TimeUnit, the version', () => {
    const plan = planOf(multi, ['site', 'ts', 'device', 'temp', 'ok', 'hum'], 7);
    expect(mapRow(plan, ['hall-1', '1700000000', 'd1', '21.5', 'true', '40'])).toEqual({
      records: [
        {
          Dimensions: [{ Name: 'device_id', Value: 'd1', DimensionValueType: 'VARCHAR' }, { Name: 'site', Value: 'hall-1', DimensionValueType: 'VARCHAR' }],
          Time: '1700000000',
          TimeUnit: 'SECONDS',
          Version: 7,
          MeasureName: 'readings',
          MeasureValueType: 'MULTI',
          MeasureValues: [
            { Name: 'temperature', Type: 'DOUBLE', Value: '21.5' },
            { Name: 'ok', Type: 'BOOLEAN', Value: 'true' },
            { Name: 'hum', Type: 'DOUBLE', Value: '40' },
          ],
        },
      ],
    });
    // null cells: the dimension and the attribute are left out
    const partial = mapRow(plan, [null, '1700000000', 'd1', null, 'false', null]);
    expect(partial).toMatchObject({ records: [{ Dimensions: [{ Name: 'device_id' }], MeasureValues: [{ Name: 'ok', Value: 'false' }] }] });
  });

  it('refuses rows without a time, with a time that is not an integer, or without any measure value, with the reason', () => {
    const plan = planOf(multi, ['ts', 'device', 'site', 'temp', 'ok', 'hum']);
    expect(mapRow(plan, [null, 'd1', 's', '1', 'true', '2'])).toEqual({ reason: 'The time column ts is empty.' });
    expect(mapRow(plan, ['2024-01-01', 'd1', 's', '1', 'true', '2'])).toEqual({ reason: "The time column ts has the value '2024-01-01', which is not an integer number of seconds since the epoch." });
    expect(mapRow(plan, ['1700000000', 'd1', 's', null, null, null])).toEqual({ reason: 'The row has no measure value: every mapped measure column is empty.' });
  });

  it('lists every mapped column the header lacks', () => {
    expect(planRows(multi, ['ts', 'device', 'temp'], 1)).toEqual({ missing: ['site (dimension site)', 'ok (multi-measure attribute ok)', 'hum (multi-measure attribute hum)'] });
  });

  it('maps mixed measures per MeasureNameColumn value (single and MULTI records), and refuses an unmapped measure name', () => {
    const plan = planOf(MIXED_MODEL, MIXED_HEADER);
    expect(mapRow(plan, ['1700000000000', 'd1', 'temperature', '21.5', null])).toMatchObject({ records: [{ MeasureName: 'temperature', MeasureValueType: 'DOUBLE', MeasureValue: '21.5', TimeUnit: 'MILLISECONDS' }] });
    expect(mapRow(plan, ['1700000000000', 'd1', 'status', null, '3'])).toMatchObject({ records: [{ MeasureName: 'state', MeasureValueType: 'MULTI', MeasureValues: [{ Name: 'code', Type: 'BIGINT', Value: '3' }] }] });
    expect(mapRow(plan, ['1700000000000', 'd1', 'pressure', '1', null])).toEqual({ reason: "No MixedMeasureMapping has the MeasureName 'pressure' of column kind." });
  });

  it('names the field of a data model that breaks a documented rule', () => {
    expect(dataModelProblems({ DimensionMappings: [{ SourceColumn: 'd' }], MultiMeasureMappings: { MultiMeasureAttributeMappings: [{ SourceColumn: 'v' }] } })).toEqual([
      'TimeColumn is required (the source column that holds the time)',
    ]);
    expect(dataModelProblems({ TimeColumn: 't', DimensionMappings: [{ SourceColumn: 'd' }], MultiMeasureMappings: { MultiMeasureAttributeMappings: [{ SourceColumn: 'v' }] } })).toEqual([
      'MultiMeasureMappings.TargetMultiMeasureName is required when MeasureNameColumn is not given',
    ]);
    expect(dataModelProblems({ TimeColumn: 't', DimensionMappings: [{ SourceColumn: 'd' }], MixedMeasureMappings: [{ SourceColumn: 'v', MeasureValueType: 'TIMESTAMP' }] })).toEqual([
      'MixedMeasureMappings[0].MeasureValueType TIMESTAMP is only allowed for multi-measure attributes (MULTI)',
    ]);
    expect(dataModelProblems({ TimeColumn: 't', DimensionMappings: [{ DestinationColumn: 'd' }], MixedMeasureMappings: [{ SourceColumn: 'v', MeasureValueType: 'DOUBLE' }] })).toEqual([
      'DimensionMappings[0].SourceColumn is required',
    ]);
  });
});
