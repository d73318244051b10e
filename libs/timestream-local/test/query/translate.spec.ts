import type { Query } from '../../src/query/ast';
import type { CatalogTable, QueryStorage } from '../../src/query/catalog';
import { parseStatement } from '../../src/query/parser';
import { resolveTables, type ResolvedTables } from '../../src/query/translate/resolved-tables';
import { tableKey, tableReferences } from '../../src/query/translate/table-references';
import { translate } from '../../src/query/translate/translator';

const NOW = new Date('2026-03-01T12:00:00.000Z');

const table = (databaseName: string, tableName: string): CatalogTable => ({
  databaseName,
  tableName,
  arn: `arn:aws:timestream:us-east-1:000000000000:database/${databaseName}/table/${tableName}`,
  columns: [
    { name: 'device_id', type: 'VARCHAR', kind: 'DIMENSION' },
    { name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' },
    { name: 'temperature', type: 'DOUBLE', kind: 'MULTI' },
  ],
  relationSql: `rel_${tableName}`,
  measures: [],
});

const query = (sql: string): Query => {
  const { statement } = parseStatement(sql);
  if (statement.kind !== 'query') throw new Error(`not a query: ${sql}`);
  return statement;
};

/** A storage double holding db.readings and db.devices (and an empty database `empty`), counting catalog calls. */
const catalogStorage = (): QueryStorage & { calls: string[] } => {
  const tables = new Map([['db.readings', table('db', 'readings')], ['db.devices', table('db', 'devices')]]);
  const calls: string[] = [];
  return {
    calls,
    listDatabases: async () => ['db', 'empty'],
    listTables: async () => [],
    databaseExists: async (db) => {
      calls.push(`databaseExists ${db}`);
      return db === 'db' || db === 'empty';
    },
    getTable: async (db, name) => {
      calls.push(`getTable ${db}.${name}`);
      return tables.get(`${db}.${name}`);
    },
    runQuery: async () => {
      throw new Error('not used');
    },
  };
};

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('table references (the pre-pass)', () => {
  it('finds two-part names everywhere a query can name a table, each once, first mention first', () => {
    const refs = tableReferences(query(`
      WITH w AS (SELECT * FROM a.cte)
      SELECT (SELECT max(x) FROM a.scalar), transform(ARRAY[1], v -> (SELECT 1 FROM a.lambda)),
             sum(1) OVER (PARTITION BY (SELECT 1 FROM a.win) ORDER BY (SELECT 2 FROM a.winorder)),
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM a.filtered))
      FROM w JOIN a.joined j ON j.x IN (SELECT y FROM a.inquery)
        CROSS JOIN (SELECT * FROM a.derived) d
        CROSS JOIN UNNEST((SELECT ARRAY[1] FROM a.unnested)) AS u(k)
      WHERE EXISTS (SELECT 1 FROM a.existing) AND x IN (SELECT y FROM a.joined)
      GROUP BY CASE WHEN (SELECT 1 FROM a.grouped) = 1 THEN 1 END
      HAVING count(*) > (SELECT count(*) FROM a.had)
      UNION ALL SELECT 1, 2, 3, 4 FROM a.unioned
      ORDER BY (SELECT 1 FROM a.ordered)`));
    expect(refs.map((r) => `${r.database}.${r.table}`)).toEqual([
      'a.cte', 'a.scalar', 'a.lambda', 'a.win', 'a.winorder', 'a.filtered', 'a.joined', 'a.inquery', 'a.derived',
      'a.unnested', 'a.existing', 'a.grouped', 'a.had', 'a.unioned', 'a.ordered',
    ]);
  });

  it('leaves out one-part names (WITH names) and names of more than two parts', () => {
    expect(tableReferences(query('WITH t AS (SELECT 1 AS x) SELECT * FROM t, a.b.c'))).toEqual([]);
  });

  it('looks each distinct table up once, asks after the database only for missing tables, and never throws', async () => {
    const storage = catalogStorage();
    const resolved = await resolveTables(query('SELECT * FROM db.readings r JOIN db.readings s ON r.time = s.time, db.gone, nodb.x'), storage);
    expect(storage.calls).toEqual(['getTable db.readings', 'getTable db.gone', 'databaseExists db', 'getTable nodb.x', 'databaseExists nodb']);
    expect(resolved.get(tableKey('db', 'readings'))).toEqual({ kind: 'found', table: table('db', 'readings') });
    expect(resolved.get(tableKey('db', 'gone'))).toEqual({ kind: 'missing', databaseExists: true });
    expect(resolved.get(tableKey('nodb', 'x'))).toEqual({ kind: 'missing', databaseExists: false });
  });
});

describe('translate (synchronous, given resolved tables)', () => {
  const tables: ResolvedTables = new Map([
    [tableKey('db', 'readings'), { kind: 'found', table: table('db', 'readings') }],
    [tableKey('db', 'devices'), { kind: 'found', table: table('db', 'devices') }],
    [tableKey('db', 'gone'), { kind: 'missing', databaseExists: true }],
    [tableKey('nodb', 'x'), { kind: 'missing', databaseExists: false }],
  ]);

  it('returns a plain translation, not a promise', () => {
    const translation = translate(query('SELECT device_id FROM db.readings WHERE device_id IN (SELECT device_id FROM db.devices)'), { tables, now: NOW });
    expect(translation).not.toBeInstanceOf(Promise);
    expect(typeof (translation as unknown as { then?: unknown }).then).toBe('undefined');
    expect(translation.sql).toBe(
      'SELECT "device_id" AS "device_id" FROM rel_readings AS "readings" WHERE ("device_id" IN (SELECT "device_id" AS "device_id" FROM rel_devices AS "devices"))',
    );
    expect(translation.columns.map((c) => c.name)).toEqual(['device_id']);
    expect(translation.tablesRead.map((t) => t.tableName)).toEqual(['readings', 'devices']);
  });

  it('is a function of the query, the tables and now: the same input gives the same SQL', () => {
    const sql = 'SELECT ago(1h), transform(ARRAY[1], x -> x + 1) FROM db.readings CROSS JOIN UNNEST(ARRAY[1, 2])';
    expect(translate(query(sql), { tables, now: NOW }).sql).toBe(translate(query(sql), { tables, now: NOW }).sql);
  });

  it('reports a missing database and a missing table where the old translator did', () => {
    expect(refusal(() => translate(query('SELECT * FROM\n  nodb.x'), { tables, now: NOW }))).toBe("Requested database 'nodb' not found for identifier 'nodb.x' at line 2:3");
    expect(refusal(() => translate(query('SELECT * FROM db.gone'), { tables, now: NOW }))).toBe("line 1:15: Table 'db.gone' does not exist");
  });

  it('keeps the first problem in reading order the one reported', () => {
    const sql = 'WITH w AS (SELECT nope FROM db.readings) SELECT * FROM w, nodb.x';
    expect(refusal(() => translate(query(sql), { tables, now: NOW }))).toBe("line 1:19: Column 'nope' does not exist");
    expect(refusal(() => translate(query('SELECT nope FROM db.gone'), { tables, now: NOW }))).toBe("line 1:18: Table 'db.gone' does not exist");
  });
});
