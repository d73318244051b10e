import { QueryCommand } from '@aws-sdk/client-timestream-query';
import { WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { startTestTimestream, type TestTimestream } from '../../src/testing';

const NOW = Date.now();
const record = (i: number): _Record => ({
  Dimensions: [{ Name: 'device_id', Value: `d${i % 5}` }],
  MeasureName: 'metrics',
  MeasureValueType: 'MULTI',
  MeasureValues: [{ Name: 'temperature', Value: String(20 + (i % 7)), Type: 'DOUBLE' }],
  Time: String(NOW - i * 1000),
});

describe('QueryStatus.CumulativeBytesScanned on DuckDB storage', () => {
  let ts: TestTimestream;
  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: 'iot', TableName: 'readings' }, { DatabaseName: 'iot', TableName: 'other' }] });
    const write = ts.writeClient();
    for (let i = 0; i < 250; i += 100) await write.send(new WriteRecordsCommand({ DatabaseName: 'iot', TableName: 'readings', Records: Array.from({ length: Math.min(100, 250 - i) }, (_, j) => record(i + j)) }));
    await write.send(new WriteRecordsCommand({ DatabaseName: 'iot', TableName: 'other', Records: [record(0), record(1)] }));
  });
  afterAll(() => ts?.close());

  it("is each table read's rows (from its statistics, whatever the query filters) times its columns' width", async () => {
    const query = ts.queryClient();
    // device_id and measure_name (VARCHAR, 16 bytes each), time (8), temperature (DOUBLE, 8): 48 bytes a row
    const filtered = await query.send(new QueryCommand({ QueryString: "SELECT count(*) FROM iot.readings WHERE device_id = 'd1' AND time >= ago(1m)" }));
    expect(filtered.QueryStatus?.CumulativeBytesScanned).toBe(250 * 48);
    const joined = await query.send(new QueryCommand({ QueryString: 'SELECT r.device_id FROM iot.readings r JOIN iot.other o ON r.device_id = o.device_id AND r.time = o.time' }));
    expect(joined.Rows).toHaveLength(2);
    expect(joined.QueryStatus?.CumulativeBytesScanned).toBe((250 + 2) * 48);
  });
});
