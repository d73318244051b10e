import type { Datum } from '@aws-sdk/client-timestream-query';
import { useSensorServer } from './sdk-datasets';

/**
 * combinations and ngrams, listed on the guide's *Array functions* page: the documented examples (Trino's, whose
 * functions the guide documents) through the SDK, each answered as array(array(T)) in the API's ArrayValue shape.
 */
const { run, refuses } = useSensorServer();

const plain = (d: Datum): unknown => (d.NullValue ? null : d.ArrayValue ? d.ArrayValue.map(plain) : d.ScalarValue);

describe.each([
  ["combinations(ARRAY['foo', 'bar', 'baz'], 2)", [['foo', 'bar'], ['foo', 'baz'], ['bar', 'baz']], 'VARCHAR'],
  ['combinations(ARRAY[1, 2, 2], 2)', [['1', '2'], ['1', '2'], ['2', '2']], 'INTEGER'],
  ["ngrams(ARRAY['foo', 'bar', 'baz', 'foo'], 2)", [['foo', 'bar'], ['bar', 'baz'], ['baz', 'foo']], 'VARCHAR'],
  ["ngrams(ARRAY['foo', 'bar', 'baz', 'foo'], 3)", [['foo', 'bar', 'baz'], ['bar', 'baz', 'foo']], 'VARCHAR'],
  ["ngrams(ARRAY['foo', 'bar', 'baz', 'foo'], 4)", [['foo', 'bar', 'baz', 'foo']], 'VARCHAR'],
  ["ngrams(ARRAY['foo', 'bar', 'baz', 'foo'], 5)", [['foo', 'bar', 'baz', 'foo']], 'VARCHAR'],
  ['ngrams(ARRAY[1, 2, 3, 4], 2)', [['1', '2'], ['2', '3'], ['3', '4']], 'INTEGER'],
])('documented: SELECT %s', (expr, value, element) => {
  it(`answers ${JSON.stringify(value)} (array(array(${element})))`, async () => {
    const { first, rows } = await run(`SELECT ${expr}`);
    expect(first.ColumnInfo?.[0].Type?.ArrayColumnInfo?.Type?.ArrayColumnInfo?.Type?.ScalarType).toBe(element);
    expect(plain(rows[0][0])).toEqual(value);
  });
});

describe('combinations', () => {
  it('lists subsets by their last element, then the one before (Trino order), keeping NULL elements', async () => {
    const { rows } = await run("SELECT combinations(ARRAY['a', 'bb', 'ccc', 'dddd'], 2), combinations(ARRAY['foo', NULL, 'bar'], 2), combinations(ARRAY[1, 2, 3, 4, 5], 3)");
    expect(rows[0].map(plain)).toEqual([
      [['a', 'bb'], ['a', 'ccc'], ['bb', 'ccc'], ['a', 'dddd'], ['bb', 'dddd'], ['ccc', 'dddd']],
      [['foo', null], ['foo', 'bar'], [null, 'bar']],
      [['1', '2', '3'], ['1', '2', '4'], ['1', '3', '4'], ['2', '3', '4'], ['1', '2', '5'], ['1', '3', '5'], ['2', '3', '5'], ['1', '4', '5'], ['2', '4', '5'], ['3', '4', '5']],
    ]);
  });

  it('answers one empty subset for size 0, none for a size above the length, NULL for a NULL array', async () => {
    const { rows } = await run('SELECT combinations(ARRAY[1, 2], 0), combinations(ARRAY[1, 2], 3), combinations(CAST(NULL AS array(bigint)), 2)');
    expect(rows[0].map(plain)).toEqual([[[]], [], null]);
  });

  it('is counted per row of a column', async () => {
    const { rows } = await run('SELECT cardinality(combinations(x, 2)) FROM (VALUES (ARRAY[1, 2, 3, 4]), (ARRAY[5, 6])) AS t (x)');
    expect(rows.map((r) => plain(r[0]))).toEqual(['6', '1']);
  });
});

describe('ngrams', () => {
  it('keeps NULL elements and answers one empty n-gram for an empty array', async () => {
    const { rows } = await run("SELECT ngrams(ARRAY['foo', NULL, 'bar'], 2), ngrams(CAST(ARRAY[] AS array(integer)), 2), ngrams(CAST(NULL AS array(bigint)), 2)");
    expect(rows[0].map(plain)).toEqual([[['foo', null], [null, 'bar']], [[]], null]);
  });
});

describe('bounds (Trino\'s messages)', () => {
  refuses([
    ['SELECT combinations(sequence(1, 40), -1)', 'combination size must not be negative: -1'],
    ['SELECT combinations(sequence(1, 40), 10)', 'combination size must not exceed 5: 10'],
    ['SELECT combinations(sequence(1, 100), 5)', 'combinations exceed max size'],
    ['SELECT ngrams(ARRAY[1, 2], 0)', 'N must be positive'],
    ['SELECT ngrams(1, 2)', 'line 1:8: ngrams takes (array, integer): its first argument is not an array'],
    ['SELECT combinations(ARRAY[1])', 'line 1:8: combinations takes (array, integer)'],
  ]);
});
