import path from 'node:path';
import type { StreamRecord } from '../stream/stream-types';
import type { EmfDatum } from './emf';
import { toBatchResult, toKinesisEvent } from './kinesis-event';
import type { LambdaFunctionSettings } from './lambda-context';
import { LambdaRunner, type InvocationOutcome } from './lambda-runner';

const FIXTURE = path.join(__dirname, '../../test/fixtures/fake-lambda.cjs');

function settings(overrides: Partial<LambdaFunctionSettings> = {}): LambdaFunctionSettings {
  return {
    functionName: 'ingest-local',
    bundlePath: FIXTURE,
    handlerName: 'handler',
    timeoutMs: 2000,
    memorySizeMb: 256,
    region: 'us-east-1',
    accountId: '000000000000',
    environment: { TABLE_NAME: 'sensor-data' },
    concurrency: 1,
    ...overrides,
  };
}

const record = (seq: string, data: string): StreamRecord => ({
  shardId: 'shardId-000000000000',
  partitionKey: 'sensor-001',
  sequenceNumber: seq,
  data: Buffer.from(data),
  approximateArrivalTimestamp: 1_700_000_000_500,
});

describe('LambdaRunner', () => {
  const runners: LambdaRunner[] = [];
  afterAll(() => Promise.all(runners.map((r) => r.close())));
  const make = (s: LambdaFunctionSettings, logs: string[] = [], metrics: EmfDatum[] = [], outcomes: InvocationOutcome[] = []) => {
    const runner = new LambdaRunner(s, { onLog: (l) => logs.push(l), onMetrics: (m) => metrics.push(...m), onInvocation: (o) => outcomes.push(o) });
    runners.push(runner);
    return runner;
  };

  it('loads the bundle with its environment and passes a real-looking context', async () => {
    const logs: string[] = [];
    const runner = make(settings(), logs);
    const outcome = await runner.invoke({ hello: 1 });
    expect(outcome.ok).toBe(true);
    const result = (outcome as { result: Record<string, unknown> }).result;
    expect(result).toMatchObject({
      table: 'sensor-data',
      region: 'us-east-1',
      functionName: 'ingest-local',
      arn: 'arn:aws:lambda:us-east-1:000000000000:function:ingest-local',
      requestId: outcome.requestId,
      logGroup: '/aws/lambda/ingest-local',
    });
    expect(result.remaining).toBeGreaterThan(0);
    expect(result.remaining).toBeLessThanOrEqual(2000);
    expect(logs[0]).toBe(`START RequestId: ${outcome.requestId} Version: $LATEST`);
    expect(logs).toContain('plain log line');
    expect(logs.some((l) => /^REPORT RequestId: .*Duration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB/.test(l))).toBe(true);
  });

  it('runs the environments at the CPU priority it is given (the window function below the ingest function)', async () => {
    const normal = await make(settings()).invoke({ hello: 1 });
    const lowered = await make(settings({ functionName: 'windows-local', niceness: 10 })).invoke({ hello: 1 });
    const priorityOf = (outcome: InvocationOutcome) => (outcome as { result: { priority: number } }).result.priority;
    expect(priorityOf(lowered)).toBe(priorityOf(normal) + 10);
  });

  it('captures EMF metrics and reads partial batch responses for Kinesis events', async () => {
    const metrics: EmfDatum[] = [];
    const runner = make(settings(), [], metrics);
    const records = [record('4901', 'ok'), record('4902', 'bad'), record('4903', 'ok')];
    const event = toKinesisEvent(records, { streamName: 's', region: 'us-east-1', accountId: '000000000000', functionRoleName: 'r' });
    expect(event.Records[1].kinesis).toEqual({
      kinesisSchemaVersion: '1.0',
      partitionKey: 'sensor-001',
      sequenceNumber: '4902',
      data: Buffer.from('bad').toString('base64'),
      approximateArrivalTimestamp: 1_700_000_000.5,
    });
    expect(event.Records[1].eventSourceARN).toBe('arn:aws:kinesis:us-east-1:000000000000:stream/s');
    const outcome = await runner.invoke(event);
    expect(outcome.ok && toBatchResult(outcome.result, records)).toEqual({ failedSequenceNumbers: ['4902'] });
    expect(metrics).toEqual([{ namespace: 'Test', name: 'Seen', unit: 'Count', dimensions: { service: 'fake' }, values: [3], timestamp: 1_700_000_000_000 }]);
  });

  it('reports handler errors and keeps the environment', async () => {
    const outcomes: InvocationOutcome[] = [];
    const runner = make(settings(), [], [], outcomes);
    const failed = await runner.invoke({ mode: 'throw' });
    expect(failed).toMatchObject({ ok: false, errorType: 'TypeError', errorMessage: 'bad input' });
    expect((await runner.invoke({})).ok).toBe(true);
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
  });

  it('times out a hanging invocation and replaces the environment', async () => {
    const runner = make(settings({ timeoutMs: 300 }));
    const outcome = await runner.invoke({ mode: 'hang' });
    expect(outcome).toMatchObject({ ok: false, errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.30 seconds' });
    expect((await runner.invoke({})).ok).toBe(true);
  });

  it('survives an environment that exits', async () => {
    const runner = make(settings());
    expect(await runner.invoke({ mode: 'exit' })).toMatchObject({ ok: false, errorType: 'Runtime.ExitError' });
    expect((await runner.invoke({})).ok).toBe(true);
  });

  it('supports callback-style handlers', async () => {
    const runner = make(settings({ handlerName: 'callbackHandler' }));
    const outcome = await runner.invoke({ a: 1 });
    expect(outcome.ok && outcome.result).toEqual({ via: 'callback', echo: { a: 1 } });
  });

  it('fails clearly when the bundle is missing', async () => {
    const runner = make(settings({ bundlePath: '/nonexistent/index.js' }));
    await expect(runner.warm()).rejects.toThrow(/could not load \/nonexistent\/index.js/);
  });
});

describe('toBatchResult', () => {
  const records = [record('1', 'a'), record('2', 'b')];
  it.each([
    [undefined, { failedSequenceNumbers: [] }],
    [{ statusCode: 200 }, { failedSequenceNumbers: [] }],
    [{ batchItemFailures: [] }, { failedSequenceNumbers: [] }],
    [{ batchItemFailures: [{ itemIdentifier: '2' }] }, { failedSequenceNumbers: ['2'] }],
    [{ batchItemFailures: [{ itemIdentifier: '9' }] }, { error: 'batchItemFailures names an unknown item "9"' }],
    [{ batchItemFailures: 'x' }, { error: 'batchItemFailures is not a list' }],
  ])('%j -> %j', (reply, expected) => {
    expect(toBatchResult(reply, records)).toEqual(expected);
  });
});
