import type { Datum } from '@aws-sdk/client-timestream-query';
import { useSensorServer } from './sdk-datasets';

/** The developer guide's regular-expression examples (its *Regular expression functions* page), through the SDK. */
const { run } = useSensorServer();

const plain = (d: Datum): unknown => (d.NullValue ? null : d.ArrayValue ? d.ArrayValue.map(plain) : d.ScalarValue);

describe.each([
  ["regexp_extract_all('example expect complex', 'ex\\w')", ['exa', 'exp'], 'array(VARCHAR)'],
  ["regexp_extract_all('example expect complex', '(ex)(\\w)', 2)", ['a', 'p'], 'array(VARCHAR)'],
  ["regexp_extract('example expect', 'ex\\w')", 'exa', 'VARCHAR'],
  ["regexp_extract('example expect', '(ex)(\\w)', 2)", 'a', 'VARCHAR'],
  ["regexp_like('example', 'ex')", 'true', 'BOOLEAN'],
  // the guide prints "example": the space before the removed word stays (Java's replaceAll removes only the match)
  ["regexp_replace('example expect', 'expect')", 'example ', 'VARCHAR'],
])('documented: SELECT %s', (expr, value, type) => {
  it(`answers ${JSON.stringify(value)} (${type})`, async () => {
    const { first, rows } = await run(`SELECT ${expr}`);
    const column = first.ColumnInfo?.[0].Type;
    expect(column?.ArrayColumnInfo ? `array(${column.ArrayColumnInfo.Type?.ScalarType})` : column?.ScalarType).toBe(type);
    expect(plain(rows[0][0])).toEqual(value);
  });
});
