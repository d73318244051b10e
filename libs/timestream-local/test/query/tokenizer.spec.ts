import { tokenize } from '../../src/query/tokenizer';
import { parseStatement } from '../../src/query/parser';

describe('tokenizer', () => {
  it('reads bare interval literals with their units', () => {
    const tokens = tokenize('15s 10m 1h 1d 10000ms 12second 5us 3minutes');
    expect(tokens.filter((t) => t.kind === 'duration').map((t) => [t.amount, t.unit])).toEqual([
      ['15', 's'], ['10', 'm'], ['1', 'h'], ['1', 'd'], ['10000', 'ms'], ['12', 's'], ['5', 'us'], ['3', 'm'],
    ]);
  });

  it('keeps measure_value::<type> as one column name', () => {
    const tokens = tokenize('SELECT measure_value::double, MEASURE_VALUE::BigInt FROM t');
    expect(tokens.filter((t) => t.kind === 'ident').map((t) => t.text)).toEqual(['SELECT', 'measure_value::double', 'measure_value::bigint', 'FROM', 't']);
  });

  it('unescapes quoted identifiers and strings and tracks line:column', () => {
    const tokens = tokenize(`SELECT 'it''s'\n  FROM "my-db"."a.b""c"`);
    expect(tokens[1]).toMatchObject({ kind: 'string', text: "it's", line: 1, column: 8 });
    expect(tokens[3]).toMatchObject({ kind: 'quoted', text: 'my-db', line: 2, column: 8 });
    expect(tokens[5]).toMatchObject({ kind: 'quoted', text: 'a.b"c', line: 2, column: 16 });
  });

  it('skips comments and reads numbers with fractions and exponents', () => {
    const tokens = tokenize('1.5 -- comment\n/* block */ 2e3 .25');
    expect(tokens.filter((t) => t.kind === 'number').map((t) => t.text)).toEqual(['1.5', '2e3', '.25']);
  });

  it('refuses unknown characters and units with a position', () => {
    expect(() => tokenize('SELECT 1 ^ 2')).toThrow("line 1:10: token recognition error at: '^'");
    expect(() => tokenize('SELECT 10parsecs')).toThrow("line 1:8: mismatched input '10parsecs'");
    expect(() => tokenize("SELECT 'open")).toThrow('line 1:8: unterminated string literal');
  });
});

describe('parser', () => {
  it('parses the statements', () => {
    expect(parseStatement('SHOW DATABASES LIKE \'io%\'').statement).toMatchObject({ kind: 'showDatabases', like: 'io%' });
    expect(parseStatement('SHOW TABLES FROM "iot"').statement).toMatchObject({ kind: 'showTables', database: 'iot' });
    expect(parseStatement('SHOW MEASURES FROM iot."sensor-data"').statement).toMatchObject({ kind: 'showMeasures', database: 'iot', table: 'sensor-data' });
    expect(parseStatement('DESCRIBE iot.readings').statement).toMatchObject({ kind: 'describe', database: 'iot', table: 'readings' });
  });

  it('builds precedence into the tree: AND binds tighter than OR, * tighter than +', () => {
    const { statement } = parseStatement('SELECT 1 + 2 * 3 FROM x.y WHERE a = 1 OR b = 2 AND c = 3');
    if (statement.kind !== 'query' || statement.body.kind !== 'select') throw new Error('expected a select');
    const item = statement.body.items[0];
    expect(item.kind === 'expr' && item.expr).toMatchObject({ kind: 'binary', op: '+', right: { kind: 'binary', op: '*' } });
    expect(statement.body.where).toMatchObject({ kind: 'binary', op: 'or', right: { kind: 'binary', op: 'and' } });
  });

  it('parses lambdas, windows, CASE, CAST, INTERVAL, UNNEST and WITH', () => {
    const sql = `WITH s AS (SELECT d, CREATE_TIME_SERIES(time, v) AS ts FROM a.b GROUP BY d)
      SELECT filter(ARRAY[1, 2], x -> x > 1), reduce(ARRAY[1], 0, (acc, x) -> acc + x, acc -> acc),
             lag(v, 1) OVER (PARTITION BY d ORDER BY time ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),
             CASE WHEN v > 1 THEN 'hi' ELSE 'lo' END, TRY_CAST(v AS bigint), INTERVAL '2' DAY, t.value
      FROM s CROSS JOIN UNNEST(ts) AS t(time, value)`;
    const { statement } = parseStatement(sql);
    expect(statement.kind).toBe('query');
    if (statement.kind !== 'query') return;
    expect(statement.with.map((w) => w.name)).toEqual(['s']);
    if (statement.body.kind !== 'select') throw new Error('expected select');
    expect(statement.body.items.map((i) => (i.kind === 'expr' ? i.expr.kind : i.kind))).toEqual(['call', 'call', 'call', 'case', 'cast', 'interval', 'column']);
    expect(statement.body.from[0]).toMatchObject({ kind: 'join', type: 'cross', right: { kind: 'unnest', alias: 't', columnAliases: ['time', 'value'] } });
  });

  it('reports syntax errors with line and column', () => {
    expect(() => parseStatement('SELECT FROM x.y')).toThrow("line 1:8: mismatched input 'FROM'. Expecting: <expression>");
    expect(() => parseStatement('SELECT a\nFROM x.y WHERE')).toThrow("line 2:15: mismatched input '<EOF>'. Expecting: <expression>");
    expect(() => parseStatement('SELECT 1 2')).toThrow("line 1:10: mismatched input '2'. Expecting: <EOF>");
  });
});
