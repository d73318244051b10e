import type { DataModel } from '@aws-sdk/client-timestream-write';
import { RecordBatch } from '../../src/batch-load/record-batch';
import { RecordBuilder } from '../../src/batch-load/record-builder';
import { referenceRecords } from '../../src/batch-load/reference-records';
import { MIXED_HEADER, MIXED_MODEL } from './models';
import { planRows, type RowPlan } from '../../src/batch-load/row-mapper';

const TARGET = { database: 'db', table: 'copy' };
const HEADER = ['device_id', 'location', 'measure_name', 'time_ns', 'temperature', 'humidity', 'ok', 'label', 'at'];

/** The export's data model (query-cli's export): dimensions, measure name column, nanoseconds, one attribute per type. */
const exportModel = (timeUnit: DataModel['TimeUnit'] = 'NANOSECONDS', dimension = 'location'): DataModel => ({
  TimeColumn: 'time_ns',
  TimeUnit: timeUnit,
  DimensionMappings: [{ SourceColumn: 'device_id' }, { SourceColumn: 'location', DestinationColumn: dimension }],
  MeasureNameColumn: 'measure_name',
  MultiMeasureMappings: {
    MultiMeasureAttributeMappings: [
      { SourceColumn: 'temperature', MeasureValueType: 'DOUBLE' },
      { SourceColumn: 'humidity', MeasureValueType: 'BIGINT' },
      { SourceColumn: 'ok', MeasureValueType: 'BOOLEAN' },
      { SourceColumn: 'label', MeasureValueType: 'VARCHAR' },
      { SourceColumn: 'at', MeasureValueType: 'TIMESTAMP' },
    ],
  },
});

const planOf = (model: DataModel, header = HEADER): RowPlan => {
  const planned = planRows(model, header, 1);
  if ('missing' in planned) throw new Error(planned.missing.join());
  return planned.plan;
};

type Fields = Array<string | null>;
const NS = '1733054400000000000';
const row = (changes: Record<string, string | null> = {}): Fields => {
  const base: Record<string, string | null> = { device_id: 'dev-1', location: 'hall 1', measure_name: 'readings', time_ns: NS, temperature: '21.5', humidity: '40', ok: 'true', label: 'x', at: NS };
  return HEADER.map((h) => (h in changes ? changes[h] : base[h]));
};

/** What the builder does with a row: the records it adds (with bytes), its answer, and whether it took the reference path. */
function build(builder: RecordBuilder, fields: Fields) {
  const batch = new RecordBatch();
  const before = builder.referenceRows;
  const outcome = builder.add(fields, 7, batch);
  return { records: batch.records.map((record, i) => ({ record, bytes: batch.sizes[i], line: batch.lines[i] })), outcome, reference: builder.referenceRows > before };
}

/** What the reference path (a WriteRecords call of each of the row's records) gives for the row. */
function expected(plan: RowPlan, fields: Fields) {
  const reference = referenceRecords(plan, fields, TARGET);
  if ('rowReason' in reference) return { records: [], outcome: reference };
  return { records: reference.records.map((r) => ({ ...r, line: 7 })), outcome: reference.refused.length > 0 ? { refused: reference.refused } : undefined };
}

const wide = (char: string, count: number) => char.repeat(count);

describe('RecordBuilder', () => {
  it('builds a plain row on the fast path as the normalized record WriteRecords would store, with its metered bytes', () => {
    const builder = new RecordBuilder(planOf(exportModel()), TARGET);
    const built = build(builder, row());
    expect(built.reference).toBe(false);
    expect(built.outcome).toBeUndefined();
    expect(built.records).toEqual([
      {
        line: 7,
        bytes: 8 + 'device_iddev-1locationhall 1readings'.length + 'temperature21.5humidity40oktruelabelxat'.length + NS.length,
        record: {
          index: 0,
          dimensions: [{ name: 'device_id', value: 'dev-1' }, { name: 'location', value: 'hall 1' }],
          measureName: 'readings',
          kind: 'MULTI',
          values: [
            { name: 'temperature', type: 'DOUBLE', value: 21.5 },
            { name: 'humidity', type: 'BIGINT', value: '40' },
            { name: 'ok', type: 'BOOLEAN', value: 'true' },
            { name: 'label', type: 'VARCHAR', value: 'x' },
            { name: 'at', type: 'TIMESTAMP', value: NS },
          ],
          timeNs: 1733054400000000000n,
          timeMs: 1733054400000,
          nsOfMs: 0,
          version: 1,
          store: 'MEMORY',
        },
      },
    ]);
    expect(built.records).toEqual(expected(planOf(exportModel()), row()).records);
  });

  // every row: the same records, bytes and reasons as the reference path; `fast` says which of them it decides itself
  const cases: Array<[string, Fields, boolean]> = [
    ['plain', row(), true],
    ['absent dimension and attributes', row({ location: null, humidity: null, label: null }), true],
    ['canonical values (TRUE, -0, exponent)', row({ ok: 'TRUE', temperature: '-0', humidity: '-12' }), true],
    ['non-ASCII text (bytes, not characters)', row({ label: '温度', device_id: 'gerät' }), true],
    ['a dimension of 2,000 bytes (record over 2 KB)', row({ location: wide('é', 1000) }), false],
    ['a dimension over 2,048 bytes', row({ location: wide('é', 1025) }), false],
    ['an empty (quoted) dimension', row({ location: '' }), false],
    ['a value over 2,048 characters', row({ label: wide('v', 2049) }), false],
    ['an empty (quoted) value', row({ label: '' }), false],
    ['a double that is not one', row({ temperature: 'abc' }), false],
    ['a double out of range', row({ temperature: '1e999' }), false],
    ['a bigint out of range', row({ humidity: '9223372036854775808' }), false],
    ['a boolean that is not one', row({ ok: 'yes' }), false],
    ['the largest time', row({ time_ns: '9223372036854775807' }), true],
    ['a time past 2^63 - 1 ns', row({ time_ns: '9223372036854775808' }), false],
    ['a negative time', row({ time_ns: '-5' }), false],
    ['a time with leading zeros', row({ time_ns: `000${NS}` }), false],
    ['a time that is not an integer', row({ time_ns: '2024-12-01' }), false],
    ['no time', row({ time_ns: null }), false],
    ['no measure name', row({ measure_name: null }), false],
    ['an empty (quoted) measure name', row({ measure_name: '' }), false],
    ['a measure name over 256 bytes', row({ measure_name: wide('m', 257) }), false],
    ['no measure value', row({ temperature: null, humidity: null, ok: null, label: null, at: null }), false],
    ['a short row (missing cells are null)', row().slice(0, 5), true],
  ];
  it.each(cases)('%s: kept or refused as WriteRecords would', (_name, fields, fast) => {
    const plan = planOf(exportModel());
    const built = build(new RecordBuilder(plan, TARGET), fields);
    const { reference, ...result } = built;
    expect(result).toEqual(expected(plan, fields));
    expect(reference).toBe(!fast);
  });

  it('refuses what WriteRecords refuses, naming the reason', () => {
    const plan = planOf(exportModel());
    const builder = new RecordBuilder(plan, TARGET);
    expect(build(builder, row({ temperature: 'abc' })).outcome).toEqual({ refused: ['Invalid measure value "abc" for measure temperature of type DOUBLE.'] });
    expect(build(builder, row({ time_ns: '9223372036854775808' })).outcome).toEqual({ refused: ['Invalid time for record.'] });
    expect(build(builder, row({ location: '' })).outcome).toEqual({ refused: ['Dimension location has an empty value.'] });
    expect(build(builder, row({ time_ns: null })).outcome).toEqual({ rowReason: 'The time column time_ns is empty.' });
    expect((build(builder, row({ label: wide('v', 2049) })).outcome as { refused: string[] }).refused[0]).toMatch(/records\.1\.member\.measureValues\.4\.member\.value/);
  });

  it.each([
    ['MILLISECONDS', '9223372036854', '9223372036855'],
    ['MICROSECONDS', '9223372036854775', '9223372036854776'],
    ['SECONDS', '9223372036', '9223372037'],
  ] as const)('takes times in %s up to 2^63 - 1 ns and refuses later ones as WriteRecords does', (unit, last, past) => {
    const plan = planOf(exportModel(unit));
    const builder = new RecordBuilder(plan, TARGET);
    // `at` (TIMESTAMP) is read in the TimeUnit too
    for (const time of ['1733054400', last, past, '0']) {
      const { reference, ...result } = build(builder, row({ time_ns: time, at: '12' }));
      expect(result).toEqual(expected(plan, row({ time_ns: time, at: '12' })));
      expect(reference).toBe(time === past);
    }
    expect(build(builder, row({ time_ns: past, at: '12' })).outcome).toEqual({ refused: ['Invalid time for record.'] });
  });

  it('shares the dimension list of rows with the same dimension values, and not of others', () => {
    const builder = new RecordBuilder(planOf(exportModel()), TARGET);
    const [a, b, c, d] = [row(), row({ temperature: '1' }), row({ location: 'hall 2' }), row({ location: null })].map((fields) => build(builder, fields).records[0].record.dimensions);
    expect(b).toBe(a);
    expect(c).toEqual([{ name: 'device_id', value: 'dev-1' }, { name: 'location', value: 'hall 2' }]);
    expect(d).toEqual([{ name: 'device_id', value: 'dev-1' }]);
    expect(a).toEqual([{ name: 'device_id', value: 'dev-1' }, { name: 'location', value: 'hall 1' }]);
  });

  it('sends every row of a data model with a name WriteRecords refuses through the reference path', () => {
    const plan = planOf(exportModel('NANOSECONDS', 'measure_value_x'));
    const builder = new RecordBuilder(plan, TARGET);
    const built = build(builder, row());
    expect(built.reference).toBe(true);
    expect(built.outcome).toEqual({ refused: [expect.stringContaining('Dimension name measure_value_x is not allowed')] });
    const absent = build(builder, row({ location: null }));
    expect(absent.reference).toBe(true);
    expect(absent.records).toHaveLength(1);
  });

  it('maps mixed measures per measure name as the reference path does', () => {
    const plan = planOf(MIXED_MODEL, MIXED_HEADER);
    const builder = new RecordBuilder(plan, TARGET);
    for (const [fields, fast] of [
      [['1733054400000', 'd1', 'temperature', '21.5', null], true],
      [['1733054400000', 'd1', 'status', null, '3'], true],
      [['1733054400000', 'd1', 'pressure', '1', '2'], false],
      [['1733054400000', 'd1', 'temperature', 'x', null], false],
    ] as Array<[Fields, boolean]>) {
      const { reference, ...result } = build(builder, fields);
      expect(result).toEqual(expected(plan, fields));
      expect(reference).toBe(!fast);
    }
    expect(build(builder, ['1733054400000', 'd1', 'temperature', '21.5', null]).records[0].record).toMatchObject({ measureName: 'temperature', kind: 'DOUBLE', values: [{ name: 'temperature', type: 'DOUBLE', value: 21.5 }] });
  });
});
