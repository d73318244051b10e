import type { QueryService } from '../../src/query/query-service';
import type { MemoryStorage } from './memory-storage';
import { COLUMNS, DB, TABLE, newService, queryAll, scalar, sensorStorage } from './fixture';

let storage: MemoryStorage;
let service: QueryService;
beforeAll(async () => {
  storage = await sensorStorage();
  await storage.addTable('devops', 'host_metrics', [
    { name: 'region', type: 'VARCHAR', kind: 'DIMENSION' },
    { name: 'measure_name', type: 'VARCHAR', kind: 'MEASURE_NAME' },
    { name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' },
    { name: 'measure_value::double', type: 'DOUBLE', kind: 'SINGLE_MEASURE_VALUE' },
  ], [], [{ name: 'cpu_user', type: 'DOUBLE', dimensions: ['region'] }, { name: 'cpu_idle', type: 'DOUBLE', dimensions: ['region'] }]);
  service = newService(storage);
});
afterAll(() => storage.close());

describe('SHOW and DESCRIBE', () => {
  it('SHOW DATABASES [LIKE] lists sorted names and meters nothing', async () => {
    const { first, rows } = await queryAll(service, 'SHOW DATABASES');
    expect(first.ColumnInfo).toEqual([{ Name: 'Database', Type: { ScalarType: 'VARCHAR' } }]);
    expect(rows.map((r) => scalar(r[0]))).toEqual(['devops', 'empty-db', DB]);
    expect(first.QueryStatus).toEqual({ ProgressPercentage: 100, CumulativeBytesScanned: 0, CumulativeBytesMetered: 0 });
    const like = await queryAll(service, "SHOW DATABASES LIKE 'dev%'");
    expect(like.rows.map((r) => scalar(r[0]))).toEqual(['devops']);
  });

  it('SHOW TABLES FROM db [LIKE]', async () => {
    const { first, rows } = await queryAll(service, `SHOW TABLES FROM "${DB}"`);
    expect(first.ColumnInfo?.[0].Name).toBe('Table');
    expect(rows.map((r) => scalar(r[0]))).toEqual([TABLE]);
    expect((await queryAll(service, "SHOW TABLES FROM devops LIKE 'x%'")).rows).toEqual([]);
  });

  it('DESCRIBE lists columns with Timestream attribute types', async () => {
    const { first, rows } = await queryAll(service, 'DESCRIBE devops.host_metrics');
    expect(first.ColumnInfo?.map((c) => c.Name)).toEqual(['Column', 'Type', 'Timestream attribute type']);
    expect(rows.map((r) => r.map(scalar))).toEqual([
      ['region', 'varchar', 'DIMENSION'], ['measure_name', 'varchar', 'MEASURE_NAME'], ['time', 'timestamp', 'TIMESTAMP'],
      ['measure_value::double', 'double', 'MEASURE_VALUE'],
    ]);
    const multi = await queryAll(service, `DESCRIBE "${DB}"."${TABLE}"`);
    expect(multi.rows.map((r) => scalar(r[2]))).toEqual(COLUMNS.map((c) => (c.kind === 'MULTI' ? 'MULTI' : c.kind)));
  });

  it('SHOW MEASURES returns the dimensions as an array of rows', async () => {
    const { first, rows } = await queryAll(service, 'SHOW MEASURES FROM devops.host_metrics');
    expect(first.ColumnInfo?.[2].Type).toEqual({
      ArrayColumnInfo: { Type: { RowColumnInfo: [{ Name: 'dimension_name', Type: { ScalarType: 'VARCHAR' } }, { Name: 'data_type', Type: { ScalarType: 'VARCHAR' } }] } },
    });
    expect(rows.map((r) => [scalar(r[0]), scalar(r[1])])).toEqual([['cpu_idle', 'double'], ['cpu_user', 'double']]);
    expect(rows[0][2]).toEqual({ ArrayValue: [{ RowValue: { Data: [{ ScalarValue: 'region' }, { ScalarValue: 'varchar' }] } }] });
  });

  it('unknown names are refused', async () => {
    await expect(queryAll(service, 'DESCRIBE nope.t')).rejects.toThrow("Requested database 'nope' not found for identifier 'nope.t' at line 1:10");
    await expect(queryAll(service, 'SHOW MEASURES FROM devops.nope')).rejects.toThrow("line 1:20: Table 'devops.nope' does not exist");
  });
});
