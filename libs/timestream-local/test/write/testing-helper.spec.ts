import { ListTablesCommand, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { startTestTimestream } from '../../src/testing';

describe('startTestTimestream', () => {
  it('starts an in-memory server on a free port with its tables created and clients pointed at it', async () => {
    const ts = await startTestTimestream({ tables: [{ DatabaseName: 'iot', TableName: 'readings' }, { DatabaseName: 'iot', TableName: 'alarms' }] });
    try {
      expect(ts.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = ts.writeClient();
      expect((await client.send(new ListTablesCommand({ DatabaseName: 'iot' }))).Tables?.map((t) => t.TableName)).toEqual(['alarms', 'readings']);
      const result = await client.send(
        new WriteRecordsCommand({ DatabaseName: 'iot', TableName: 'readings', Records: [{ Dimensions: [{ Name: 'device_id', Value: 'a' }], MeasureName: 'm', MeasureValue: '1', Time: String(Date.now()) }] }),
      );
      expect(result.RecordsIngested?.Total).toBe(1);
    } finally {
      await ts.close();
    }
  });
});
