import { QueryCommand, TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { AllTargetsFailedError, FailoverQueryClient, isUnreachableError, QueryFailedError, runQuery } from '../src';

/** Two local servers standing for two regions; each answers its own name, so where a query went is visible. */
describe('FailoverQueryClient (two real Timestream servers)', () => {
  let primary: TestTimestream;
  let secondary: TestTimestream;
  const switches: string[] = [];
  let client: FailoverQueryClient;

  beforeAll(async () => {
    [primary, secondary] = await Promise.all([startTestTimestream(), startTestTimestream()]);
    client = new FailoverQueryClient(
      [
        { label: 'primary', client: primary.queryClient() },
        { label: 'secondary', client: secondary.queryClient() },
      ],
      { onSwitch: (from, to, reason) => switches.push(`${from} -> ${to}: ${reason}`) },
    );
  }, 60_000);
  afterAll(async () => {
    await primary?.close().catch(() => undefined);
    await secondary?.close();
  });

  const where = async () => (await runQuery(client, `SELECT '${client.active()}' AS answered_by, 1 + 1 AS two`)).rows;

  it('answers from the primary while it is up, and does not fail over on an error about the query', async () => {
    expect(await where()).toEqual([{ answered_by: 'primary', two: 2 }]);
    const error = await runQuery(client, 'SELECT * FROM "nope"."nothing"').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as Error).message).toMatch(/^ValidationException: /);
    expect(client.active()).toBe('primary');
    expect(switches).toEqual([]);
  });

  it('sends the queries to the next target when the active one stops answering, and stays there', async () => {
    await primary.close();
    const rows = (await runQuery(client, 'SELECT 40 + 2 AS answer')).rows;
    expect(rows).toEqual([{ answer: 42 }]);
    expect(client.active()).toBe('secondary');
    expect(switches).toHaveLength(1);
    expect(switches[0]).toMatch(/^primary -> secondary: primary: .*ECONNREFUSED/);
    expect(await where()).toEqual([{ answered_by: 'secondary', two: 2 }]);
    expect(switches).toHaveLength(1);
  });

  it('names every target when none answers', async () => {
    const down = new FailoverQueryClient([
      { label: 'a', client: new TimestreamQueryClient({ endpoint: 'http://127.0.0.1:1', region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }) },
      { label: 'b', client: new TimestreamQueryClient({ endpoint: 'http://127.0.0.1:2', region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }) },
    ]);
    const error = await down.send(new QueryCommand({ QueryString: 'SELECT 1' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllTargetsFailedError);
    expect((error as Error).message).toMatch(/^no Timestream target answered: a: .+; b: .+/);
  });

  it('does not send a later page (a NextToken) to another target: it fails, and the next query goes to the next target', async () => {
    const pages: string[] = [];
    const refusing = { send: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })) };
    const answering = { send: async (command: QueryCommand) => (pages.push(command.input.NextToken ?? 'first'), { Rows: [], ColumnInfo: [], QueryId: 'q' }) };
    const pinned = new FailoverQueryClient([
      { label: 'a', client: refusing as never },
      { label: 'b', client: answering as never },
    ]);
    await expect(pinned.send(new QueryCommand({ QueryString: 'SELECT 1', NextToken: 'from-a' }))).rejects.toThrow('ECONNREFUSED');
    expect(pages).toEqual([]);
    expect(pinned.active()).toBe('b');
    await pinned.send(new QueryCommand({ QueryString: 'SELECT 1' }));
    expect(pages).toEqual(['first']);
  });

  it('tells unreachable endpoints from answers about the request', () => {
    expect(isUnreachableError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isUnreachableError(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe(true);
    expect(isUnreachableError(Object.assign(new Error('x'), { name: 'InternalServerException', $metadata: { httpStatusCode: 500 } }))).toBe(true);
    expect(isUnreachableError(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }))).toBe(true);
    expect(isUnreachableError(Object.assign(new Error('x'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }))).toBe(false);
    expect(isUnreachableError(Object.assign(new Error('x'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }))).toBe(false);
    expect(isUnreachableError(Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ECONNRESET' }))).toBe(false);
  });
});
