import { FROM, readings, scalar, tsText } from './fixture';
import { useSensorServer } from './sdk-datasets';

/** WITH RECURSIVE through the SDK: Trino's form and its recursion depth limit (10 steps). */
const { run, refuses } = useSensorServer();

const table = async (sql: string) => {
  const { first, rows } = await run(sql);
  return { columns: first.ColumnInfo?.map((c) => [c.Name, c.Type?.ScalarType]), rows: rows.map((r) => r.map(scalar)) };
};

describe('WITH RECURSIVE', () => {
  it("documented (Trino's example): the sum of 1 to 4", async () => {
    expect(await table('WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t WHERE n < 4) SELECT sum(n) FROM t'))
      .toEqual({ columns: [['_col0', 'BIGINT']], rows: [['10']] });
  });

  it('allows ten steps after the anchor; SELECT * shows only the named columns', async () => {
    const { columns, rows } = await table('WITH RECURSIVE t(n, label) AS (SELECT 1, \'a\' UNION ALL SELECT n + 1, label || \'a\' FROM t WHERE n < 11) SELECT * FROM t ORDER BY n');
    expect(columns).toEqual([['n', 'INTEGER'], ['label', 'VARCHAR']]);
    expect(rows).toEqual(Array.from({ length: 11 }, (_x, i) => [String(i + 1), 'a'.repeat(i + 1)]));
  });

  it('joins the table in its step (an aggregate anchor, an aliased reference)', async () => {
    const { rows } = await table(`WITH RECURSIVE chain(t, k) AS (
        SELECT min(time), 0 FROM ${FROM} WHERE device_id = 'dev-a'
        UNION ALL
        SELECT r.time, c.k + 1 FROM chain AS c JOIN ${FROM} r ON r.time = c.t + 1m AND r.device_id = 'dev-a' WHERE c.k < 5)
      SELECT k, t FROM chain ORDER BY k`);
    const times = readings().filter((r) => r.device_id === 'dev-a').map((r) => r.time).sort((a, b) => a - b);
    expect(rows).toEqual(times.slice(0, 6).map((t, k) => [String(k), tsText(t)]));
  });

  it('a WITH RECURSIVE list may hold ordinary WITH queries too', async () => {
    expect((await table('WITH RECURSIVE base(x) AS (SELECT 5), t(n) AS (SELECT x FROM base UNION ALL SELECT n + 1 FROM t WHERE n < 7) SELECT n FROM t ORDER BY n')).rows)
      .toEqual([['5'], ['6'], ['7']]);
  });
});

describe('refusals', () => {
  refuses([
    ['WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 12) SELECT n FROM t', 'Recursion depth limit exceeded (10)'],
    ['WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n FROM t) SELECT count(*) FROM t', 'Recursion depth limit exceeded (10)'],
    ['WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT n FROM t',
      "line 1:16: Recursive WITH query 't' needs a column list: WITH RECURSIVE t(a, b, ...) AS (...)"],
    ['WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT n + 1 FROM t WHERE n < 3) SELECT n FROM t', "line 1:34: Recursive WITH query 't' must be of the form <anchor> UNION ALL <step>"],
    ['WITH RECURSIVE t(n) AS (SELECT n FROM t UNION ALL SELECT n + 1 FROM t) SELECT n FROM t', "line 1:41: The anchor of recursive WITH query 't' must not name it"],
    ['WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT a.n + 1 FROM t a, t b WHERE a.n < 3) SELECT n FROM t', "line 1:69: The step of recursive WITH query 't' must name it once"],
    ['WITH RECURSIVE t(n, m) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT n FROM t', "line 1:16: WITH query 't' has 2 column names but its anchor 1 columns"],
  ]);
});
