import { PrepareQueryCommand, QueryCommand } from '@aws-sdk/client-timestream-query';
import { errorOf } from '../write/harness';
import { createTable, sdkRows, startSdkFixture, writeAll, type SdkFixture } from './sdk-fixture';

/**
 * Nesting and length that used to overflow the stack (a 500 InternalServerException) are refused with a
 * ValidationException naming the limit; long flat lists stay fine. Through the SDK over HTTP.
 */
const DB = 'nesting';
const FROM = `"${DB}"."readings"`;
const chain = (n: number, term: string, op: string): string => Array(n).fill(term).join(` ${op} `);
const QUERY_DEPTH = /^line 1:\d+: Query is nested more than 1000 levels deep: each operator in a chain such as a \+ b \+ c, x OR y OR z or s UNION t UNION u counts as a level \(for a long list of alternatives use IN \(\.\.\.\)\)$/;
const nestedMore = (what: string) => new RegExp(`^line 1:\\d+: ${what} is nested more than 200 levels deep$`);

let f: SdkFixture;
beforeAll(async () => {
  f = await startSdkFixture();
  await createTable(f, DB, 'readings');
  const now = Date.now();
  await writeAll(f, DB, 'readings', Array.from({ length: 10 }, (_, i) => ({ Dimensions: [{ Name: 'device_id', Value: `d${i}` }], MeasureName: 'temperature', MeasureValue: String(i), Time: String(now - i * 1000) })));
});
afterAll(() => f.close());

async function refusal(sql: string): Promise<string> {
  const error = await errorOf(f.query.send(new QueryCommand({ QueryString: sql })));
  expect(error.name).toBe('ValidationException');
  expect(error.$metadata.httpStatusCode).toBe(400);
  return error.message;
}

describe('chains the parser builds in a loop: more than 1000 levels', () => {
  it.each([
    ['10,000 NOTs', `SELECT ${'NOT '.repeat(10_000)}true`],
    ['a sum of 50,000 terms', `SELECT ${chain(50_000, '1', '+')}`],
    ['a product of 20,000 factors', `SELECT ${chain(20_000, '2', '*')}`],
    ['20,000 ANDs', `SELECT ${chain(20_000, 'true', 'AND')}`],
    ['12,000 ORs', `SELECT device_id FROM ${FROM} WHERE ${chain(12_000, "device_id = 'd1'", 'OR')}`],
    ['20,000 concatenations', `SELECT ${chain(20_000, "'a'", '||')}`],
    ['10,000 unary minus signs', `SELECT ${'- '.repeat(10_000)}measure_value::double FROM ${FROM}`],
    ['20,000 subscripts', `SELECT ARRAY[1]${'[1]'.repeat(20_000)}`],
    ['10,000 UNION ALLs', chain(10_000, 'SELECT 1', 'UNION ALL')],
    ['3,000 joins', `SELECT 1 FROM ${FROM} ${Array(3000).fill(`CROSS JOIN ${FROM}`).join(' ')}`],
  ])('%s', async (_, sql) => {
    expect(await refusal(sql)).toMatch(QUERY_DEPTH);
  });

  it('in PrepareQuery too (its parameter listing walks the tree)', async () => {
    const error = await errorOf(f.query.send(new PrepareQueryCommand({ QueryString: `SELECT ${chain(50_000, '1', '+')} + 0 FROM ${FROM} WHERE time < @scheduled_runtime`, ValidateOnly: true })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(QUERY_DEPTH);
  });
});

describe('nesting the parser recurses into: more than 200 levels', () => {
  it.each([
    ['100,000 parentheses', `SELECT ${'('.repeat(100_000)}1${')'.repeat(100_000)}`, 'Expression'],
    ['5,000 nested CASEs', `SELECT ${'CASE WHEN true THEN '.repeat(5000)}1${' END'.repeat(5000)}`, 'Expression'],
    ['10,000 nested function calls', `SELECT ${'abs('.repeat(10_000)}1${')'.repeat(10_000)}`, 'Expression'],
    ['5,000 nested scalar subqueries', `SELECT ${'(SELECT '.repeat(5000)}1${')'.repeat(5000)}`, 'Query'],
    ['5,000 nested IN subqueries', `SELECT 1 WHERE 1 IN ${'(SELECT 1 WHERE 1 IN '.repeat(5000)}(1)${')'.repeat(5000)}`, 'Query'],
    ['10,000 parenthesised relations', `SELECT 1 FROM ${'('.repeat(10_000)}${FROM}${')'.repeat(10_000)}`, 'Relation'],
    ['a type nested 10,000 deep', `SELECT CAST(NULL AS ${'array('.repeat(10_000)}bigint${')'.repeat(10_000)})`, 'Type'],
  ])('%s', async (_, sql, what) => {
    expect(await refusal(sql)).toMatch(nestedMore(what));
  });
});

describe('what stays within the limits still runs', () => {
  it('an OR chain of 900 terms and a sum of 150 terms', async () => {
    const alternatives = Array.from({ length: 900 }, (_, i) => `device_id = 'd${i}'`).join(' OR ');
    const rows = await sdkRows(f, `SELECT device_id FROM ${FROM} WHERE ${alternatives} ORDER BY device_id`);
    expect(rows.map((r) => r[0].ScalarValue)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9']);
    expect(await sdkRows(f, `SELECT ${chain(150, '1', '+')}`)).toEqual([[{ ScalarValue: '150' }]]);
  });

  it('a query just under 1000 levels (190 nested calls around a chain of 790 ORs) runs without exhausting the stack', async () => {
    const alternatives = chain(790, "device_id = 'd3'", 'OR');
    const sql = `SELECT device_id FROM ${FROM} WHERE ${'coalesce('.repeat(190)}${alternatives}${', false)'.repeat(190)}`;
    expect(await sdkRows(f, sql)).toEqual([[{ ScalarValue: 'd3' }]]);
  });

  it('an IN list of 30,000 values (length is not nesting)', async () => {
    const values = Array.from({ length: 30_000 }, (_, i) => i * 2).join(', ');
    const rows = await sdkRows(f, `SELECT device_id FROM ${FROM} WHERE measure_value::double IN (${values}) ORDER BY device_id`);
    expect(rows.map((r) => r[0].ScalarValue)).toEqual(['d0', 'd2', 'd4', 'd6', 'd8']);
  });

  it('SQL that DuckDB finds too deep once translated is refused in words too', async () => {
    expect(await refusal(`SELECT ${'NOT '.repeat(995)}true`)).toBe(
      'The query could not be run: it is nested too deeply (about 1000 levels of operators, function calls and subqueries once translated); for a long list of alternatives use IN (...).',
    );
  });

  it('the server answers normally afterwards', async () => {
    expect(await sdkRows(f, `SELECT count(*) FROM ${FROM}`)).toEqual([[{ ScalarValue: '10' }]]);
  });
});
