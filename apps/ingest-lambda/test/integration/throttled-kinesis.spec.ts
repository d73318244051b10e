import type { WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import { kinesisEvent, sensorMessage } from '../support/events';
import { dimension, effectiveRecords, readingKey } from '../support/fakes';
import { startLocalStack, timestampMs, type LocalStack } from '../support/local-stack';
import type { ProxyReply } from '../support/timestream-proxy';

jest.setTimeout(60_000);

const throttle: ProxyReply = { status: 400, errorType: 'ThrottlingException', message: 'Rate exceeded' };

describe('a Kinesis batch whose writes are throttled (fault-injecting proxy in front of the local server)', () => {
  let stack: LocalStack;
  /** device -> how many more WriteRecords attempts with its readings to throttle */
  const budget = new Map<string, number>();
  const throttledKeys = new Set<string>();
  let throttledAttempts = 0;

  beforeAll(async () => {
    stack = await startLocalStack({
      env: { WRITE_MAX_ATTEMPTS: '3' },
      proxy: {
        intercept: (operation, body) => {
          if (operation !== 'WriteRecords') return undefined;
          const records = effectiveRecords(body as WriteRecordsCommandInput);
          const device = records.map((r) => dimension(r, 'device_id') ?? '').find((d) => (budget.get(d) ?? 0) > 0);
          if (!device) return undefined;
          budget.set(device, (budget.get(device) ?? 0) - 1);
          throttledAttempts++;
          records.forEach((r) => throttledKeys.add(readingKey(r)));
          return throttle;
        },
      },
    });
  });
  afterAll(() => stack?.close());
  beforeEach(() => {
    budget.clear();
    throttledKeys.clear();
    throttledAttempts = 0;
  });

  it('reports only the items whose readings stayed throttled after the SDK retries; the rest is stored', async () => {
    const base = Date.now() - 30 * 60_000;
    const messages = ['dev-a', 'dev-b', 'dev-c'].flatMap((d, k) => Array.from({ length: 100 }, (_, i) => sensorMessage(d, base + k + i * 1000)));
    budget.set('dev-b', Number.POSITIVE_INFINITY);
    const event = kinesisEvent(messages);

    const { result, error } = await stack.lambda.invoke(event);

    expect(error).toBeUndefined();
    const failed = (result as { batchItemFailures: Array<{ itemIdentifier: string }> }).batchItemFailures.map((f) => f.itemIdentifier);
    const expected = event.Records.filter((_, i) => throttledKeys.has(`${messages[i].device_id}@${Date.parse(String(messages[i].timestamp))}`)).map((r) => r.kinesis.sequenceNumber);
    expect(expected.length).toBeGreaterThanOrEqual(100);
    expect(expected.length).toBeLessThan(300);
    expect(failed.sort()).toEqual(expected.sort());
    // every throttled request was attempted 3 times by the SDK's retry strategy
    expect(throttledAttempts % 3).toBe(0);

    const rows = await stack.rows(`SELECT device_id, time FROM "${stack.databaseName}"."${stack.tableName}"`);
    const stored = new Set(rows.map((r) => `${r.device_id}@${timestampMs(r.time)}`));
    const failedSet = new Set(failed);
    event.Records.forEach((r, i) => {
      const key = `${messages[i].device_id}@${Date.parse(String(messages[i].timestamp))}`;
      expect(stored.has(key)).toBe(!failedSet.has(r.kinesis.sequenceNumber));
    });
    expect(await stack.deadLetters()).toEqual([]);

    // Lambda delivers the batch again from the first failed item: now unthrottled, everything is stored once.
    budget.delete('dev-b');
    const again = await stack.lambda.invoke(event);
    expect(again).toEqual({ result: { batchItemFailures: [] } });
    const after = await stack.rows(`SELECT count(*) AS n FROM "${stack.databaseName}"."${stack.tableName}"`);
    expect(Number(after[0].n)).toBe(300);
  });

  it('stores everything when a throttle clears within the SDK retries', async () => {
    const messages = Array.from({ length: 50 }, (_, i) => sensorMessage('dev-d', Date.now() - 60_000 + i));
    budget.set('dev-d', 1);
    const { result } = await stack.lambda.invoke(kinesisEvent(messages));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(throttledAttempts).toBe(1);
    const rows = await stack.rows(`SELECT count(*) AS n FROM "${stack.databaseName}"."${stack.tableName}" WHERE device_id = 'dev-d'`);
    expect(Number(rows[0].n)).toBe(50);
  });
});
