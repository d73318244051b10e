import { CreateDatabaseCommand, CreateTableCommand, UpdateTableCommand, WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { errorOf, startHarness, visibleRows, type Harness } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'ret' }));
});
afterAll(() => h.close());
afterEach(() => {
  h.clock.offsetMs = 0;
});

const record = (timeMs: number, value = '1'): _Record => ({ Dimensions: [{ Name: 'device_id', Value: 'd' }], MeasureName: 'm', MeasureValue: value, Time: String(timeMs) });
const write = (table: string, records: _Record[]) => h.write.send(new WriteRecordsCommand({ DatabaseName: 'ret', TableName: table, Records: records }));

describe('retention', () => {
  it('hides records past the magnetic retention at once and deletes them on the sweep', async () => {
    await h.write.send(new CreateTableCommand({ DatabaseName: 'ret', TableName: 'short', RetentionProperties: { MemoryStoreRetentionPeriodInHours: 1, MagneticStoreRetentionPeriodInDays: 1 } }));
    const now = Date.now();
    await write('short', [record(now - 10 * 60_000), record(now - 5 * 60_000)]);
    expect(await visibleRows(h.server, 'ret', 'short')).toHaveLength(2);

    h.clock.offsetMs = DAY - 7 * 60_000; // the older record is now past one day, the newer is not
    expect((await visibleRows(h.server, 'ret', 'short')).map((r) => (r.time as Date).getTime())).toEqual([now - 5 * 60_000]);
    await h.server.sweepRetention();
    h.clock.offsetMs = 0; // back in time: the swept row is gone for good
    expect((await visibleRows(h.server, 'ret', 'short')).map((r) => (r.time as Date).getTime())).toEqual([now - 5 * 60_000]);
    // a swept record can be written again (its version history went with it)
    expect((await write('short', [record(now - 10 * 60_000, '2')])).RecordsIngested?.Total).toBe(1);
  });

  it('applies UpdateTable: magnetic-store writes and a shorter retention', async () => {
    await h.write.send(new CreateTableCommand({ DatabaseName: 'ret', TableName: 'updated', RetentionProperties: { MemoryStoreRetentionPeriodInHours: 1, MagneticStoreRetentionPeriodInDays: 5 } }));
    const now = Date.now();
    const old = record(now - 2 * DAY);
    const refused = await errorOf(write('updated', [old]));
    expect(refused.RejectedRecords[0].Reason).toMatch(/of the memory store\.$/);

    await h.write.send(new UpdateTableCommand({ DatabaseName: 'ret', TableName: 'updated', MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true } }));
    expect((await write('updated', [old])).RecordsIngested).toEqual({ Total: 1, MemoryStore: 0, MagneticStore: 1 });
    expect(await visibleRows(h.server, 'ret', 'updated')).toHaveLength(1);

    await h.write.send(new UpdateTableCommand({ DatabaseName: 'ret', TableName: 'updated', RetentionProperties: { MemoryStoreRetentionPeriodInHours: 1, MagneticStoreRetentionPeriodInDays: 1 } }));
    expect(await visibleRows(h.server, 'ret', 'updated')).toHaveLength(0);

    await h.write.send(new UpdateTableCommand({ DatabaseName: 'ret', TableName: 'updated', RetentionProperties: { MemoryStoreRetentionPeriodInHours: 72, MagneticStoreRetentionPeriodInDays: 1 } }));
    expect((await write('updated', [record(now - 2 * HOUR)])).RecordsIngested?.MemoryStore).toBe(1);
  });
});
