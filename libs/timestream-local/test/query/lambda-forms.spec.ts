import type { Datum, Type } from '@aws-sdk/client-timestream-query';
import { FROM, readings } from './fixture';
import { useSensorServer } from './sdk-datasets';

/** zip, zip_with, array_sort with a comparator, reduce_agg, regexp_replace with a function and shuffle, through the SDK. */
const { run, refuses } = useSensorServer();

/** A datum as plain data: arrays and rows as arrays, NULL as null. */
const plain = (d: Datum): unknown => {
  if (d.NullValue) return null;
  if (d.ArrayValue) return d.ArrayValue.map(plain);
  if (d.RowValue) return (d.RowValue.Data ?? []).map(plain);
  return d.ScalarValue;
};
const answer = async (sql: string): Promise<{ type?: Type; value: unknown }> => {
  const { first, rows } = await run(sql);
  return { type: first.ColumnInfo?.[0].Type, value: plain(rows[0][0]) };
};
const arrayOf = (t: Type): Type => ({ ArrayColumnInfo: { Type: t } });
const [VARCHAR, INTEGER] = [{ ScalarType: 'VARCHAR' }, { ScalarType: 'INTEGER' }] as const;
const row = (...types: Type[]): Type => ({ RowColumnInfo: types.map((Type, i) => ({ Name: `field${i}`, Type })) });

// The examples of Trino's function documentation (the dialect the service runs), each with its documented result.
describe.each([
  ["zip(ARRAY[1, 2], ARRAY['1b', null, '3b'])", [['1', '1b'], ['2', null], [null, '3b']], arrayOf(row(INTEGER, VARCHAR))],
  ["zip_with(ARRAY[1, 3, 5], ARRAY['a', 'b', 'c'], (x, y) -> (y, x))", [['a', '1'], ['b', '3'], ['c', '5']], arrayOf(row(VARCHAR, INTEGER))],
  ['zip_with(ARRAY[1, 2], ARRAY[3, 4], (x, y) -> x + y)', ['4', '6'], arrayOf(INTEGER)],
  ["zip_with(ARRAY['a', 'b', 'c'], ARRAY['d', 'e', 'f'], (x, y) -> concat(x, y))", ['ad', 'be', 'cf'], arrayOf(VARCHAR)],
  ["zip_with(ARRAY['a'], ARRAY['d', null, 'f'], (x, y) -> coalesce(x, y))", ['a', null, 'f'], arrayOf(VARCHAR)],
  ['array_sort(ARRAY[3, 2, 5, 1, 2], (x, y) -> IF(x < y, 1, IF(x = y, 0, -1)))', ['5', '3', '2', '2', '1'], arrayOf(INTEGER)],
  ["array_sort(ARRAY['bc', 'ab', 'dc'], (x, y) -> IF(x < y, 1, IF(x = y, 0, -1)))", ['dc', 'bc', 'ab'], arrayOf(VARCHAR)],
  ['array_sort(ARRAY[3, 2, null, 5, null, 1, 2], (x, y) -> CASE WHEN x IS NULL THEN -1 WHEN y IS NULL THEN 1 WHEN x < y THEN 1 WHEN x = y THEN 0 ELSE -1 END)',
    [null, null, '5', '3', '2', '2', '1'], arrayOf(INTEGER)],
  ["array_sort(ARRAY['a', 'abcd', 'abc'], (x, y) -> IF(length(x) < length(y), -1, IF(length(x) = length(y), 0, 1)))", ['a', 'abc', 'abcd'], arrayOf(VARCHAR)],
  ['array_sort(ARRAY[ARRAY[2, 3, 1], ARRAY[4, 2, 1, 4], ARRAY[1, 2]], (x, y) -> IF(cardinality(x) < cardinality(y), -1, IF(cardinality(x) = cardinality(y), 0, 1)))',
    [['1', '2'], ['2', '3', '1'], ['4', '2', '1', '4']], arrayOf(arrayOf(INTEGER))],
  ["regexp_replace('new york', '(\\w)(\\w*)', x -> upper(x[1]) || lower(x[2]))", 'New York', VARCHAR],
])('documented: %s', (expr, value, type) => {
  it('answers the documented value and type', async () => {
    expect(await answer(`SELECT ${expr}`)).toEqual({ type, value });
  });
});

describe('reduce_agg', () => {
  it('documented: sums and products per group', async () => {
    const values = '(VALUES (1, 3), (1, 4), (1, 5), (2, 6), (2, 7)) AS t(id, value)';
    const { first, rows } = await run(`SELECT id, reduce_agg(value, 0, (a, b) -> a + b, (a, b) -> a + b), reduce_agg(value, 1, (a, b) -> a * b, (a, b) -> a * b)
      FROM ${values} GROUP BY id ORDER BY id`);
    expect(first.ColumnInfo?.map((c) => c.Type?.ScalarType)).toEqual(['INTEGER', 'INTEGER', 'INTEGER']);
    expect(rows.map((r) => r.map(plain))).toEqual([['1', '12', '60'], ['2', '13', '42']]);
  });

  it('folds a table column per device, skipping NULLs, with FILTER; a group of NULLs only is NULL', async () => {
    const { rows } = await run(`SELECT device_id, reduce_agg(humidity, 0.0, (s, h) -> s + h, (a, b) -> a + b),
      reduce_agg(humidity, 0.0, (s, h) -> s + 1, (a, b) -> a + b) FILTER (WHERE humidity > 50),
      reduce_agg(CAST(NULL AS double), 0.0, (s, h) -> s + h, (a, b) -> a + b) FROM ${FROM} GROUP BY device_id ORDER BY device_id`);
    const byDevice = (d: string) => readings().filter((r) => r.device_id === d && r.humidity !== null).map((r) => r.humidity as number);
    expect(rows.map((r) => r.map(plain))).toEqual(['dev-a', 'dev-b', 'dev-c'].map((d) => [
      d, String(byDevice(d).reduce((a, b) => a + b, 0)) + (Number.isInteger(byDevice(d).reduce((a, b) => a + b, 0)) ? '.0' : ''),
      `${byDevice(d).filter((h) => h > 50).length}.0`, null,
    ]));
  });
});

describe('reduce_agg as a window function and with ORDER BY', () => {
  it('a running product, and a fold whose order matters', async () => {
    const { rows } = await run(`SELECT x, reduce_agg(x, 1, (s, v) -> s * v, (a, b) -> a * b) OVER (ORDER BY x),
      reduce_agg(CAST(x AS varchar), '', (s, v) -> s || v, (a, b) -> a || b ORDER BY x DESC) OVER ()
      FROM (VALUES 1, 2, 3, 4) t(x) ORDER BY x`);
    expect(rows.map((r) => r.map(plain))).toEqual([['1', '1', '4321'], ['2', '2', '4321'], ['3', '6', '4321'], ['4', '24', '4321']]);
  });
});

describe('zip, zip_with and regexp_replace beyond the examples', () => {
  it('zip of three arrays; NULL arrays give NULL; regexp_replace keeps the text between matches', async () => {
    expect(await answer("SELECT zip(ARRAY[1], ARRAY['a', 'b'], ARRAY[true])")).toEqual({
      type: arrayOf({ RowColumnInfo: [{ Name: 'field0', Type: INTEGER }, { Name: 'field1', Type: VARCHAR }, { Name: 'field2', Type: { ScalarType: 'BOOLEAN' } }] }),
      value: [['1', 'a', 'true'], [null, 'b', null]],
    });
    expect((await answer('SELECT zip_with(CAST(NULL AS array(bigint)), ARRAY[1], (x, y) -> y)')).value).toBeNull();
    expect((await answer("SELECT regexp_replace('a1b22c', '(\\d+)', g -> '<' || g[1] || '>')")).value).toBe('a<1>b<22>c');
    expect((await answer("SELECT regexp_replace('no digits', '(\\d)', g -> 'x')")).value).toBe('no digits');
    expect((await answer("SELECT regexp_replace('a1b2', '(\\d)', g -> NULL)")).value).toBe('ab');
    // a group that did not take part in the match is NULL, as in Trino
    expect((await answer("SELECT regexp_replace('xb ab', '(a)?b', g -> coalesce(g[1], 'N'))")).value).toBe('xN a');
  });

  it('regexp_replace with a function and a pattern that is not a literal: its groups counted per row', async () => {
    const { rows } = await run(`SELECT regexp_replace(s, p, g -> array_join(g, '|', 'N') || '/' || CAST(cardinality(g) AS varchar))
      FROM (VALUES ('a1b22', '(\\d)(\\d)?', 1), ('x-y', '[-]', 2), ('ab', '(?:a)(?P<n>b)', 3), ('k', NULL, 4), (NULL, 'k', 5)) t(s, p, n) ORDER BY n`);
    expect(rows.map((r) => plain(r[0]))).toEqual(['a1|N/2b2|2/2', 'x/0y', 'b/1', null, null]);
  });

  it('shuffle answers a permutation of its array, in changing orders', async () => {
    const orders = new Set<string>();
    for (let k = 0; k < 10; k++) {
      const { type, value } = await answer('SELECT shuffle(ARRAY[1, 2, 3, 4, 5, 6, 7, 8])');
      expect(type).toEqual(arrayOf(INTEGER));
      expect([...(value as string[])].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
      orders.add(JSON.stringify(value));
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('refusals', () => {
  refuses([
    ['SELECT array_sort(ARRAY[1, 2], (x, y) -> NULL)', 'Lambda comparator must return either -1, 0, or 1'],
    ['SELECT zip_with(ARRAY[1], ARRAY[2], x -> x)', 'line 1:37: Lambda for zip_with takes 2 parameter(s)'],
    ['SELECT zip_with(ARRAY[1], ARRAY[2])', 'line 1:8: zip_with takes (array, array, function)'],
    ['SELECT reduce_agg(x, 0, (s, x) -> s + x, 1) FROM (VALUES 1) t(x)', 'line 1:42: Function reduce_agg expects a lambda expression as argument 4'],
    ['SELECT zip(ARRAY[1])', 'line 1:8: zip takes 2 to 5 arrays'],
  ]);
});
