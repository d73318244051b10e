import { useSensorServer } from './sdk-datasets';
import { FROM, scalar } from './fixture';

/**
 * The reserved words of the service's grammar, which is Trino's (Presto's list, the generation of Trino the developer
 * guide documents): written here from the Trino/Presto "Reserved keywords" table, not from the engine's own list.
 */
const RESERVED = `ALTER AND AS BETWEEN BY CASE CAST CONSTRAINT CREATE CROSS CUBE CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP
  CURRENT_USER DEALLOCATE DELETE DESCRIBE DISTINCT DROP ELSE END ESCAPE EXCEPT EXECUTE EXISTS EXTRACT FALSE FOR FROM FULL
  GROUP GROUPING HAVING IN INNER INSERT INTERSECT INTO IS JOIN LEFT LIKE LOCALTIME LOCALTIMESTAMP NATURAL NORMALIZE NOT
  NULL ON OR ORDER OUTER PREPARE RECURSIVE RIGHT ROLLUP SELECT TABLE THEN TRUE UESCAPE UNION UNNEST USING VALUES WHEN
  WHERE WITH`.split(/\s+/);

/** Keywords of the grammar that are not reserved: each may name a column, a table alias or a select alias. */
const NON_RESERVED = `DESC ASC LIMIT OFFSET OVER FILTER FIRST LAST NULLS WINDOW ROWS RANGE INTERVAL DATE TIME TIMESTAMP ROW ARRAY
  MAP ANY SOME LATERAL FETCH NEXT ONLY TIES ORDINALITY ZONE AT IF POSITION PARTITION PRECEDING FOLLOWING CURRENT
  UNBOUNDED SHOW TABLES YEAR MONTH DAY HOUR MINUTE SECOND`.split(/\s+/);

const server = useSensorServer();
const { run } = server;

async function refusal(sql: string): Promise<{ message: string }> {
  const answer = await server.refusal(sql);
  expect(answer.name).toBe('ValidationException');
  return answer;
}

describe('non-reserved words name things', () => {
  it("DESC as a table alias, as awswrangler's tests write it", async () => {
    const { first, rows } = await run(`SELECT * FROM ${FROM} DESC LIMIT 10`);
    expect(rows).toHaveLength(10);
    expect(first.ColumnInfo?.map((c) => c.Name)).toEqual(['device_id', 'location', 'measure_name', 'time', 'temperature', 'humidity']);
    const { rows: qualified } = await run(`SELECT desc.device_id AS asc FROM ${FROM} desc ORDER BY asc DESC LIMIT 1`);
    expect(qualified.map((r) => r.map(scalar))).toEqual([['dev-c']]);
  });

  it.each(NON_RESERVED)('%s as a column, table alias, select alias and qualifier', async (word) => {
    const sql = `SELECT ${word}, ${word} + 1 AS x, ${word}.${word} * 2 ${word} FROM (SELECT 20 AS ${word}) ${word} WHERE ${word}.${word} = 20 ORDER BY ${word} LIMIT 1`;
    const { first, rows } = await run(sql);
    expect(first.ColumnInfo?.map((c) => c.Name)).toEqual([word, 'x', word]);
    expect(rows.map((r) => r.map(scalar))).toEqual([['20', '21', '40']]);
  });

  it('LIMIT, OFFSET and FETCH still start their clauses after a table or an item', async () => {
    expect((await run(`SELECT device_id FROM ${FROM} LIMIT 3`)).rows).toHaveLength(3);
    expect((await run(`SELECT device_id FROM ${FROM} ORDER BY time OFFSET 58`)).rows).toHaveLength(2);
    expect((await run(`SELECT device_id limit FROM ${FROM} limit LIMIT 2`)).rows.map((r) => r.map(scalar))).toEqual([['dev-a'], ['dev-a']]);
  });
});

describe('reserved words are refused unquoted, accepted quoted', () => {
  it.each(RESERVED)('%s', async (word) => {
    const error = await refusal(`SELECT 1 AS ${word}`);
    expect(error.message).toBe(`line 1:13: mismatched input '${word}'. Expecting: <identifier>`);
    const { first, rows } = await run(`SELECT "${word}" + 1 AS "${word}" FROM (SELECT 1 AS "${word}") "${word}"`);
    expect(first.ColumnInfo?.map((c) => c.Name)).toEqual([word]);
    expect(rows.map((r) => r.map(scalar))).toEqual([['2']]);
  });

  it('as a table alias or a table name', async () => {
    expect((await refusal(`SELECT * FROM ${FROM} AS table`)).message).toMatch(/^line 1:\d+: mismatched input 'table'\. Expecting: <identifier>$/);
    expect((await refusal('SELECT * FROM "iot-db".select')).message).toBe("line 1:24: mismatched input 'select'. Expecting: <identifier>");
    expect((await refusal('WITH from AS (SELECT 1) SELECT * FROM from')).message).toMatch(/mismatched input 'from'/);
  });
});
