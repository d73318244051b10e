import type { Datum } from '@aws-sdk/client-timestream-query';
import { useSensorServer } from './sdk-datasets';

/** The developer guide's array-function examples (its *Array functions* page), each with its documented result, through the SDK. */
const { run } = useSensorServer();

const plain = (d: Datum): unknown => (d.NullValue ? null : d.ArrayValue ? d.ArrayValue.map(plain) : d.ScalarValue);

describe.each([
  ['array_distinct(ARRAY[1,2,2,3])', ['1', '2', '3'], 'array'],
  ['array_intersect(ARRAY[1,2,3], ARRAY[3,4,5])', ['3'], 'array'],
  ['array_union(ARRAY[1,2,3], ARRAY[3,4,5])', ['1', '2', '3', '4', '5'], 'array'],
  ['array_except(ARRAY[1,2,3], ARRAY[3,4,5])', ['1', '2'], 'array'],
  ["array_join(ARRAY[1,2,3], ';', '')", '1;2;3', 'VARCHAR'],
  ['array_max(ARRAY[1,2,3])', '3', 'INTEGER'],
  ['array_min(ARRAY[1,2,3])', '1', 'INTEGER'],
  ['array_position(ARRAY[3,4,5,9], 5)', '3', 'BIGINT'],
  ['array_remove(ARRAY[3,4,5,9], 4)', ['3', '5', '9'], 'array'],
  ['array_sort(ARRAY[6,8,2,9,3])', ['2', '3', '6', '8', '9'], 'array'],
])('documented: SELECT %s', (expr, value, type) => {
  it(`answers ${JSON.stringify(value)} (${type})`, async () => {
    const { first, rows } = await run(`SELECT ${expr}`);
    const column = first.ColumnInfo?.[0].Type;
    expect(type === 'array' ? column?.ArrayColumnInfo?.Type?.ScalarType : column?.ScalarType).toBe(type === 'array' ? 'INTEGER' : type);
    expect(plain(rows[0][0])).toEqual(value);
  });
});

describe('array_position', () => {
  it('is 0 for an element that is not there (the guide: "or 0 if not found"), NULL for a NULL array', async () => {
    const { rows } = await run('SELECT array_position(ARRAY[3,4,5,9], 7), array_position(CAST(NULL AS array(bigint)), 1)');
    expect(rows[0].map(plain)).toEqual(['0', null]);
  });
});
