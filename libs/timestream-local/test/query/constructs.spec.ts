import { useSensorServer } from './sdk-datasets';
import { DB, FROM, TABLE, readings, scalar } from './fixture';

/** The SELECT constructs of Trino's grammar beyond the common ones, through the SDK over data written with WriteRecords. */
const server = useSensorServer();
const { run } = server;

const values = async (sql: string): Promise<Array<Array<string | undefined>>> => (await run(sql)).rows.map((r) => r.map(scalar));
const names = async (sql: string): Promise<Array<string | undefined>> => ((await run(sql)).first.ColumnInfo ?? []).map((c) => c.Name);
/** the message of a ValidationException */
async function refusal(sql: string): Promise<string> {
  const { name, message } = await server.refusal(sql);
  expect(name).toBe('ValidationException');
  return message;
}

const data = readings();
const maxTemperature = Math.max(...data.map((r) => r.temperature));

describe('VALUES', () => {
  it('as a query, a derived table with column aliases and a subquery', async () => {
    expect(await values("VALUES (1, 'a'), (2, NULL)")).toEqual([['1', 'a'], ['2', undefined]]);
    expect(await names("VALUES (1, 'a'), (2, NULL)")).toEqual(['_col0', '_col1']);
    expect(await values('SELECT sum(n) FROM (VALUES 1, 2, 3) AS t (n)')).toEqual([['6']]);
    expect(await values(`SELECT count(*) FROM ${FROM} WHERE device_id IN (VALUES 'dev-a', 'dev-c')`)).toEqual([['40']]);
  });

  it('rows of different widths are refused', async () => {
    expect(await refusal('SELECT * FROM (VALUES (1, 2), (3)) t')).toBe('line 1:32: VALUES rows must all have 2 column(s); this one has 1');
  });
});

describe('quantified comparisons', () => {
  it('ALL, ANY and SOME over a subquery', async () => {
    const atMax = data.filter((r) => r.temperature === maxTemperature).length;
    expect(await values(`SELECT count(*) FROM ${FROM} WHERE temperature >= ALL (SELECT temperature FROM ${FROM})`)).toEqual([[String(atMax)]]);
    expect(await values(`SELECT count(*) FROM ${FROM} WHERE device_id = ANY (SELECT 'dev-a')`)).toEqual([['20']]);
    expect(await values(`SELECT count(*) FROM ${FROM} WHERE device_id <> SOME (VALUES 'dev-a')`)).toEqual([['40']]);
  });

  it('need a query in their brackets', async () => {
    expect(await refusal('SELECT 1 = ANY (1, 2)')).toBe("line 1:17: mismatched input '1'. Expecting: 'SELECT', 'VALUES', 'WITH'");
  });
});

describe('FETCH FIRST, GROUP BY forms', () => {
  it('FETCH FIRST | NEXT n ROWS ONLY limits like LIMIT', async () => {
    expect((await values(`SELECT temperature FROM ${FROM} ORDER BY temperature DESC FETCH FIRST 2 ROWS ONLY`)).map((r) => Number(r[0])))
      .toEqual(data.map((r) => r.temperature).sort((a, b) => b - a).slice(0, 2));
    expect(await values(`SELECT device_id FROM ${FROM} ORDER BY device_id FETCH NEXT ROW ONLY`)).toEqual([['dev-a']]);
  });

  it('GROUP BY (), GROUP BY DISTINCT and GROUP BY ALL', async () => {
    expect(await values(`SELECT count(*) FROM ${FROM} GROUP BY ()`)).toEqual([['60']]);
    expect(await values(`SELECT device_id, count(*) FROM ${FROM} GROUP BY DISTINCT device_id, device_id ORDER BY 1`))
      .toEqual([['dev-a', '20'], ['dev-b', '20'], ['dev-c', '20']]);
    expect(await values(`SELECT location, count(*) FROM ${FROM} GROUP BY ALL location ORDER BY 1`)).toEqual([['hall', '20'], ['lab', '40']]);
  });
});

describe('table names and aliases', () => {
  it('column aliases on a table rename its columns', async () => {
    const sql = `SELECT r.dev, max(r.temp) FROM ${FROM} AS r (dev, loc, m, t, temp, hum) WHERE r.dev = 'dev-b' GROUP BY r.dev`;
    const expected = Math.max(...data.filter((r) => r.device_id === 'dev-b').map((r) => r.temperature));
    expect(await names(sql)).toEqual(['dev', '_col1']);
    expect(Number((await values(sql))[0][1])).toBe(expected);
    expect(await refusal(`SELECT 1 FROM ${FROM} AS r (a, b)`)).toBe("line 1:15: Column alias list has 2 entries but 'r' has 6 columns available");
  });

  it('database.table.column and database.table.* name an unaliased table', async () => {
    const q = `"${DB}"."${TABLE}"`;
    const [row] = await values(`SELECT ${q}.device_id, ${q}.temperature FROM ${FROM} WHERE ${q}.device_id = 'dev-c' ORDER BY ${q}.time LIMIT 1`);
    expect([row[0], Number(row[1])]).toEqual(['dev-c', data.find((r) => r.device_id === 'dev-c')?.temperature]);
    expect(await names(`SELECT ${q}.* FROM ${FROM} LIMIT 1`)).toEqual(['device_id', 'location', 'measure_name', 'time', 'temperature', 'humidity']);
    expect(await refusal(`SELECT ${q}.nope FROM ${FROM}`)).toBe(`line 1:8: Column '${DB}.${TABLE}.nope' cannot be resolved`);
    // an alias hides the qualified name, as in Trino
    expect(await refusal(`SELECT ${q}.device_id FROM ${FROM} r`)).toBe(`line 1:8: Column '${DB}.${TABLE}.device_id' cannot be resolved`);
  });
});

describe('what is not supported is refused in words, as a ValidationException', () => {
  it.each([
    [
      "UNLOAD (SELECT 1) TO 's3://bucket/prefix' WITH (format = 'CSV')",
      'UNLOAD needs an S3 to write to: start timestream-local with --s3-endpoint (the local cloud passes its S3) or with a --data-dir.',
    ],
    ['SELECT * FROM (VALUES 1) a(x) NATURAL JOIN (VALUES 1) b(x)', 'line 1:31: Natural join not supported'],
    ["SELECT MAP(ARRAY['a'], ARRAY[1])", 'line 1:8: Function map not registered'],
    ["SELECT CAST('a' AS varbinary)", "Column '_col0' is VARBINARY, which a query answer cannot hold (its ScalarType has no VARBINARY): return it as text with to_hex, to_base64 or from_utf8"],
  ])('%s', async (sql, message) => {
    expect(await refusal(sql)).toBe(message);
  });
});
