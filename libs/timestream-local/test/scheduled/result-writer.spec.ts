import type { _Record, WriteRecordsRequest } from '@aws-sdk/client-timestream-write';
import { InternalServerException, RejectedRecordsException, ResourceNotFoundException, StorageError, ValidationException } from '../../src/errors';
import { recordBytes, writeMappedRecords } from '../../src/scheduled/result-writer';

const record = (i: number): _Record => ({ MeasureName: `m${i}`, MeasureValue: String(i), MeasureValueType: 'BIGINT', Time: String(1_000 + i), Dimensions: [{ Name: 'd', Value: 'x' }] });
const mapped = (n: number) => Array.from({ length: n }, (_, i) => ({ row: i, record: record(i) }));

describe('writing mapped records through WriteRecords (error paths)', () => {
  it('sends 100 records per call and counts what was stored', async () => {
    const calls: number[] = [];
    const outcome = await writeMappedRecords(async (r: WriteRecordsRequest) => {
      calls.push(r.Records?.length ?? 0);
      return { RecordsIngested: { Total: r.Records?.length } };
    }, 'db', 't', mapped(250));
    expect(calls).toEqual([100, 100, 50]);
    expect(outcome).toEqual({ ingested: 250, bytes: mapped(250).reduce((n, m) => n + recordBytes(m.record), 0), rejected: [] });
  });

  it('sends larger calls with fewer in flight when asked (batch load)', async () => {
    const calls: number[] = [];
    let inFlight = 0;
    let most = 0;
    const outcome = await writeMappedRecords(async (r: WriteRecordsRequest) => {
      inFlight++;
      most = Math.max(most, inFlight);
      calls.push(r.Records?.length ?? 0);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return { RecordsIngested: { Total: r.Records?.length } };
    }, 'db', 't', mapped(12_000), { batch: 5000, concurrency: 2 });
    expect(calls).toEqual([5000, 5000, 2000]);
    expect(most).toBe(2);
    expect(outcome.ingested).toBe(12_000);
  });

  it('keeps rejected records with their reasons; the rest of the call counts as stored', async () => {
    const outcome = await writeMappedRecords(async () => {
      throw new RejectedRecordsException([{ RecordIndex: 1, Reason: 'too old' }]);
    }, 'db', 't', mapped(3));
    expect(outcome.ingested).toBe(2);
    expect(outcome.rejected).toEqual([{ reason: 'too old', record: record(1) }]);
  });

  it('a call refused as a whole is retried record by record, so only the bad record is set aside', async () => {
    const sizes: number[] = [];
    const outcome = await writeMappedRecords(async (r) => {
      sizes.push(r.Records?.length ?? 0);
      if (r.Records?.some((x) => x.MeasureName === 'm2')) throw new ValidationException('1 validation error detected: measureValue too long');
      return { RecordsIngested: { Total: r.Records?.length } };
    }, 'db', 't', mapped(4));
    expect(sizes).toEqual([4, 1, 1, 1, 1]);
    expect(outcome.ingested).toBe(3);
    expect(outcome.rejected).toEqual([{ reason: '1 validation error detected: measureValue too long', record: record(2) }]);
  });

  it('retries failures that are not the request fault three times, then gives up; other 4xx errors end it at once', async () => {
    let attempts = 0;
    const flaky = async () => {
      attempts++;
      if (attempts < 3) throw new StorageError('busy');
      return { RecordsIngested: { Total: 1 } };
    };
    expect((await writeMappedRecords(flaky, 'db', 't', mapped(1))).ingested).toBe(1);
    expect(attempts).toBe(3);

    attempts = 0;
    const down = async () => {
      attempts++;
      throw new InternalServerException();
    };
    await expect(writeMappedRecords(down, 'db', 't', mapped(1))).rejects.toBeInstanceOf(InternalServerException);
    expect(attempts).toBe(3);

    attempts = 0;
    const gone = async () => {
      attempts++;
      throw new ResourceNotFoundException('The table t does not exist.');
    };
    await expect(writeMappedRecords(gone, 'db', 't', mapped(1))).rejects.toThrow('The table t does not exist.');
    expect(attempts).toBe(1);
  });
});
