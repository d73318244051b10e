import { QueryCancelledError, QueryValidationError } from '../../src/query/errors';
import type { MemoryStorage } from './memory-storage';
import { FROM, NOW, newService, queryAll, readings, scalar, sensorStorage } from './fixture';

let storage: MemoryStorage;
beforeAll(async () => {
  storage = await sensorStorage();
});
afterAll(() => storage.close());

/** The same storage, but result queries (not the LIMIT 0 typing) wait `delayMs` or until aborted. */
function slow(delayMs: number): MemoryStorage {
  return {
    ...storage,
    runQuery: async (sql: string, signal?: AbortSignal) => {
      if (!sql.endsWith('LIMIT 0')) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, delayMs);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new Error('aborted'));
          });
        });
      }
      return storage.runQuery(sql, signal);
    },
  };
}

const ORDERED = `SELECT device_id, time, temperature FROM ${FROM} ORDER BY device_id, time`;

describe('Query paging', () => {
  it('MaxRows pages through the same result with NextToken', async () => {
    const service = newService(storage);
    const page1 = await service.query({ QueryString: ORDERED, MaxRows: 25 }, NOW);
    expect(page1.Rows).toHaveLength(25);
    expect(page1.QueryId).toMatch(/^[A-Z0-9]+$/);
    const page2 = await service.query({ QueryString: ORDERED, MaxRows: 25, NextToken: page1.NextToken }, NOW);
    expect(page2.QueryId).toBe(page1.QueryId);
    expect(page2.ColumnInfo).toEqual(page1.ColumnInfo);
    const all = await queryAll(service, ORDERED, 7);
    expect(all.rows.map((r) => scalar(r[2]))).toEqual(readings().map((r) => String(r.temperature).includes('.') ? String(r.temperature) : `${r.temperature}.0`));
    expect(all.rows).toHaveLength(readings().length);
  });

  it('pages stay under the byte limit', async () => {
    const service = newService(storage, { maxPageBytes: 2000 });
    const page = await service.query({ QueryString: ORDERED }, NOW);
    expect(JSON.stringify(page.Rows).length).toBeLessThanOrEqual(2000 + 10);
    expect(page.NextToken).toBeDefined();
    expect((await queryAll(service, ORDERED)).rows).toHaveLength(readings().length);
  });

  it('an invalid, expired or foreign token is "Invalid pagination token"', async () => {
    let now = 0;
    const service = newService(storage, { tokenTtlMs: 1000, clock: () => now });
    await expect(service.query({ QueryString: ORDERED, NextToken: 'garbage' }, NOW)).rejects.toThrow(new QueryValidationError('Invalid pagination token'));
    const page = await service.query({ QueryString: ORDERED, MaxRows: 5 }, NOW);
    await expect(service.query({ QueryString: 'SELECT 1', NextToken: page.NextToken }, NOW)).rejects.toThrow('Invalid pagination token');
    now = 5000;
    await expect(service.query({ QueryString: ORDERED, NextToken: page.NextToken }, NOW)).rejects.toThrow('Invalid pagination token');
  });

  it('answers an empty first page with a NextToken while the query runs, and the client gets everything by paging', async () => {
    const service = newService(slow(50), { firstPageWaitMs: 0 });
    const first = await service.query({ QueryString: ORDERED }, NOW);
    expect(first.Rows).toEqual([]);
    expect(first.NextToken).toBeDefined();
    expect(first.ColumnInfo?.map((c) => c.Name)).toEqual(['device_id', 'time', 'temperature']);
    expect(first.QueryStatus?.ProgressPercentage).toBe(0);
    const { rows } = await queryAll(service, ORDERED);
    expect(rows).toHaveLength(readings().length);
  });

  it('QueryStatus meters 10 MB for a SELECT and reports scanned bytes', async () => {
    const service = newService(storage);
    const page = await service.query({ QueryString: `SELECT * FROM ${FROM}` }, NOW);
    expect(page.QueryStatus?.ProgressPercentage).toBe(100);
    expect(page.QueryStatus?.CumulativeBytesScanned).toBeGreaterThan(0);
    expect(page.QueryStatus?.CumulativeBytesMetered).toBe(10_000_000);
  });

  it('single-page results do not push paged results out of the cache; the oldest paged ones go first', async () => {
    const service = newService(storage, { maxCachedResults: 2 });
    const paged = await service.query({ QueryString: ORDERED, MaxRows: 5 }, NOW);
    for (let i = 0; i < 20; i++) await service.query({ QueryString: `SELECT ${i}` }, NOW);
    expect((await service.query({ QueryString: ORDERED, MaxRows: 5, NextToken: paged.NextToken }, NOW)).Rows).toHaveLength(5);
    await service.query({ QueryString: ORDERED, MaxRows: 5 }, NOW);
    await service.query({ QueryString: ORDERED, MaxRows: 5 }, NOW);
    await expect(service.query({ QueryString: ORDERED, MaxRows: 5, NextToken: paged.NextToken }, NOW)).rejects.toThrow('Invalid pagination token');
    expect((await service.cancel({ QueryId: paged.QueryId })).CancellationMessage).toContain('already completed');
  });

  it('MaxRows outside 1..1000 is refused naming the member', async () => {
    await expect(newService(storage).query({ QueryString: 'SELECT 1', MaxRows: 0 }, NOW)).rejects.toThrow('MaxRows must be an integer between 1 and 1000');
  });
});

describe('CancelQuery and PrepareQuery', () => {
  it('cancels a running query; later pages say it was cancelled; a second cancel returns a message', async () => {
    const service = newService(slow(60_000), { firstPageWaitMs: 0 });
    const first = await service.query({ QueryString: ORDERED }, NOW);
    expect(await service.cancel({ QueryId: first.QueryId })).toEqual({});
    await expect(service.query({ QueryString: ORDERED, NextToken: first.NextToken }, NOW)).rejects.toBeInstanceOf(QueryCancelledError);
    expect((await service.cancel({ QueryId: first.QueryId })).CancellationMessage).toContain('already been cancelled');
    await expect(service.cancel({ QueryId: 'NOPE' })).rejects.toThrow('QueryId NOPE is not valid.');
  });

  it('a finished query cannot be cancelled any more', async () => {
    const service = newService(storage);
    const page = await service.query({ QueryString: 'SELECT 1' }, NOW);
    expect((await service.cancel({ QueryId: page.QueryId })).CancellationMessage).toContain('already completed');
  });

  it('PrepareQuery with ValidateOnly returns the columns and parameters', async () => {
    const service = newService(storage);
    const prepared = await service.prepare({ QueryString: `SELECT device_id, avg(temperature) AS t FROM ${FROM} WHERE time > @scheduled_runtime - 1h GROUP BY device_id`, ValidateOnly: true }, NOW);
    expect(prepared.Columns).toEqual([
      { Name: 'device_id', Type: { ScalarType: 'VARCHAR' }, Aliased: false },
      { Name: 't', Type: { ScalarType: 'DOUBLE' }, Aliased: true },
    ]);
    expect(prepared.Parameters).toEqual([{ Name: 'scheduled_runtime', Type: { ScalarType: 'TIMESTAMP' } }]);
    await expect(service.prepare({ QueryString: `SELECT nope FROM ${FROM}`, ValidateOnly: true }, NOW)).rejects.toThrow("line 1:8: Column 'nope' does not exist");
    await expect(service.prepare({ QueryString: 'SELECT 1' }, NOW)).rejects.toThrow('ValidateOnly');
  });
});
