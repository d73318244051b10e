import { FROM, readings } from './fixture';
import { useSensorServer } from './sdk-datasets';

/** `FETCH FIRST n ROWS WITH TIES` (the guide's SELECT grammar: `[ FETCH FIRST n ROWS { ONLY | WITH TIES } ]`), through the SDK. */
const { run, refuses } = useSensorServer();

const column = async (sql: string): Promise<Array<string | undefined>> => (await run(sql)).rows.map((r) => (r[0].NullValue ? undefined : r[0].ScalarValue));
const X = '(VALUES 3, 1, 2, 2, 4) AS t (x)';

describe('FETCH FIRST ... WITH TIES', () => {
  it('adds the rows that tie with the last one, in ORDER BY order', async () => {
    expect(await column(`SELECT x FROM ${X} ORDER BY x FETCH FIRST 2 ROWS WITH TIES`)).toEqual(['1', '2', '2']);
    expect(await column(`SELECT x FROM ${X} ORDER BY x FETCH FIRST 3 ROWS WITH TIES`)).toEqual(['1', '2', '2']);
    expect(await column(`SELECT x FROM ${X} ORDER BY x DESC FETCH NEXT ROW WITH TIES`)).toEqual(['4']);
  });

  it('counts after OFFSET', async () => {
    expect(await column(`SELECT x FROM ${X} ORDER BY x OFFSET 1 ROWS FETCH NEXT 1 ROW WITH TIES`)).toEqual(['2', '2']);
    expect(await column(`SELECT x FROM ${X} ORDER BY x OFFSET 3 ROWS FETCH FIRST 5 ROWS WITH TIES`)).toEqual(['3', '4']);
  });

  it('orders by aliases, positions and an item\'s own expression', async () => {
    expect(await column(`SELECT x * 10 AS v FROM ${X} ORDER BY v FETCH FIRST 2 ROWS WITH TIES`)).toEqual(['10', '20', '20']);
    expect(await column(`SELECT x FROM ${X} ORDER BY 1 DESC FETCH FIRST 2 ROWS WITH TIES`)).toEqual(['4', '3']);
    const { rows } = await run(`SELECT x, count(*) FROM ${X} GROUP BY x ORDER BY count(*) DESC FETCH FIRST 1 ROW WITH TIES`);
    expect(rows.map((r) => r.map((d) => d.ScalarValue))).toEqual([['2', '2']]);
  });

  it('keeps every reading of the lowest humidity of a table', async () => {
    const data = readings().filter((r) => r.humidity !== null);
    const lowest = Math.min(...data.map((r) => r.humidity ?? Infinity));
    const { first, rows } = await run(`SELECT device_id, humidity FROM ${FROM} WHERE humidity IS NOT NULL ORDER BY humidity FETCH FIRST 1 ROW WITH TIES`);
    expect(first.ColumnInfo?.map((c) => c.Name)).toEqual(['device_id', 'humidity']);
    expect(rows).toHaveLength(data.filter((r) => r.humidity === lowest).length);
    expect(rows.length).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => Number(r[1].ScalarValue)))).toEqual(new Set([lowest]));
  });

  it('orders by a column the select list leaves out, and by the DISTINCT rows', async () => {
    const latest = Math.max(...readings().map((r) => r.time));
    const { rows } = await run(`SELECT device_id FROM ${FROM} ORDER BY time DESC FETCH FIRST 1 ROW WITH TIES`);
    expect(rows.map((r) => r[0].ScalarValue).sort()).toEqual(readings().filter((r) => r.time === latest).map((r) => r.device_id).sort());
    expect(await column(`SELECT DISTINCT x FROM ${X} ORDER BY x FETCH FIRST 2 ROWS WITH TIES`)).toEqual(['1', '2']);
    expect(await column(`SELECT x FROM ${X} ORDER BY x * -1 OFFSET 2 ROWS FETCH FIRST 1 ROW WITH TIES`)).toEqual(['2', '2']);
  });

  it('works over UNION ALL, in a subquery and in a WITH query', async () => {
    expect(await column('(SELECT 1 AS x UNION ALL SELECT 1 UNION ALL SELECT 2) ORDER BY x FETCH FIRST 1 ROW WITH TIES')).toEqual(['1', '1']);
    expect(await column(`SELECT count(*) FROM (SELECT x FROM ${X} ORDER BY x FETCH FIRST 2 ROWS WITH TIES)`)).toEqual(['3']);
    expect(await column(`WITH low AS (SELECT x FROM ${X} ORDER BY x FETCH FIRST 2 ROWS WITH TIES) SELECT max(x) FROM low`)).toEqual(['2']);
  });
});

describe('FETCH FIRST ... WITH TIES refusals', () => {
  refuses([
    [`SELECT x FROM ${X} FETCH FIRST 2 ROWS WITH TIES`, 'line 1:47: FETCH FIRST WITH TIES clause requires ORDER BY'],
    [`SELECT temperature AS humidity FROM ${FROM} ORDER BY time FETCH FIRST 2 ROWS WITH TIES`,
      "line 1:73: Column 'time' does not exist (FETCH FIRST ... WITH TIES of a DISTINCT query, a set operation or a query whose alias names an input column orders by the select list's columns: select what ORDER BY names)"],
  ]);
});
