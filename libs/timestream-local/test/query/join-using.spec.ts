import { FROM } from './fixture';
import { useSensorServer } from './sdk-datasets';

/** JOIN ... USING as Trino analyses it (the service's engine): the joined columns once, first, through the SDK. */
const { run, refuses } = useSensorServer();

const A = "(VALUES (1, 'a'), (2, 'b')) AS a (k, x)";
const B = "(VALUES (2, 'c'), (3, 'd')) AS b (k, y)";

const names = (columns: Array<{ Name?: string }> | undefined): Array<string | undefined> => (columns ?? []).map((c) => c.Name);
const values = (rows: Array<Array<{ ScalarValue?: string; NullValue?: boolean }>>): unknown[][] => rows.map((r) => r.map((d) => (d.NullValue ? null : d.ScalarValue)));

describe('SELECT * over JOIN ... USING', () => {
  it('lists each joined column once, ahead of the two sides\' other columns', async () => {
    const { first, rows } = await run(`SELECT * FROM ${A} JOIN ${B} USING (k)`);
    expect(names(first.ColumnInfo)).toEqual(['k', 'x', 'y']);
    expect(first.ColumnInfo?.[0].Type?.ScalarType).toBe('INTEGER');
    expect(values(rows)).toEqual([['2', 'b', 'c']]);
  });

  it('takes, in a FULL JOIN, the joined column from the side that has the row', async () => {
    const { first, rows } = await run(`SELECT * FROM ${A} FULL JOIN ${B} USING (k) ORDER BY k`);
    expect(names(first.ColumnInfo)).toEqual(['k', 'x', 'y']);
    expect(values(rows)).toEqual([['1', 'a', null], ['2', 'b', 'c'], ['3', null, 'd']]);
  });

  it('answers an unqualified k as the joined column and alias.k as each side\'s own value', async () => {
    const { rows } = await run(`SELECT k, a.k, b.k FROM ${A} RIGHT JOIN ${B} USING (k) ORDER BY k`);
    expect(values(rows)).toEqual([['2', '2', '2'], ['3', null, '3']]);
  });

  it('leaves the joined column out of alias.* (Trino keeps it only as the joined column)', async () => {
    const { first } = await run(`SELECT a.*, b.* FROM ${A} JOIN ${B} USING (k)`);
    expect(names(first.ColumnInfo)).toEqual(['x', 'y']);
  });

  it('joins a third relation on the joined column of the first two', async () => {
    const { first, rows } = await run(`SELECT * FROM ${A} JOIN ${B} USING (k) JOIN (VALUES (2, 'z')) AS c (k, z) USING (k)`);
    expect(names(first.ColumnInfo)).toEqual(['k', 'x', 'y', 'z']);
    expect(values(rows)).toEqual([['2', 'b', 'c', 'z']]);
  });

  it('joins catalog tables on several columns, grouping by the joined one', async () => {
    const { first, rows } = await run(`SELECT * FROM ${FROM} AS r JOIN ${FROM} AS s USING (device_id, time) WHERE r.device_id = 'dev-a' ORDER BY time LIMIT 1`);
    const columns = names(first.ColumnInfo);
    expect(columns.slice(0, 2)).toEqual(['device_id', 'time']);
    expect(columns.filter((c) => c === 'device_id' || c === 'time')).toHaveLength(2);
    expect(columns.filter((c) => c === 'temperature')).toHaveLength(2);
    expect(rows[0][0].ScalarValue).toBe('dev-a');
    const grouped = await run(`SELECT device_id, count(*) FROM ${FROM} AS r JOIN ${FROM} AS s USING (device_id, time) GROUP BY device_id ORDER BY device_id`);
    expect(values(grouped.rows)).toEqual([['dev-a', '20'], ['dev-b', '20'], ['dev-c', '20']]);
  });
});

describe('USING names that do not fit (Trino\'s messages)', () => {
  refuses([
    [`SELECT * FROM ${A} JOIN (VALUES (1)) AS b (j) USING (k)`, "line 1:89: Column 'k' is missing from right side of join"],
    [`SELECT * FROM (VALUES (1)) AS b (j) JOIN ${A} USING (k)`, "line 1:89: Column 'k' is missing from left side of join"],
    [`SELECT * FROM ${A} JOIN ${B} USING (k, K)`, "line 1:110: Column 'K' appears multiple times in USING clause"],
  ]);
});
