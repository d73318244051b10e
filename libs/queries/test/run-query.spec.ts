import { CancelQueryCommand, QueryCommand, TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { mockClient } from 'aws-sdk-client-mock';
import { QueryCancelledError, QueryFailedError, runQuery } from '../src';
import { queryPage } from '../src/testing';

const columns = [{ Name: 'n', Type: { ScalarType: 'BIGINT' as const } }];
const page = (values: string[], nextToken?: string) => queryPage({ columns: { n: 'BIGINT' }, rows: values.map((v) => [v]), nextToken });

describe('runQuery (paging and cancellation; the API is mocked)', () => {
  const mock = mockClient(TimestreamQueryClient);
  const client = new TimestreamQueryClient({ region: 'us-east-1' });
  afterEach(() => mock.reset());

  it('keeps paging past an empty first page until there is no NextToken', async () => {
    mock
      .on(QueryCommand)
      .resolvesOnce({ ...page([], 't1'), ColumnInfo: columns })
      .resolvesOnce(page(['1', '2'], 't2'))
      .resolvesOnce(page([], 't3'))
      .resolvesOnce(page(['3']));
    const result = await runQuery(client, 'SELECT n FROM x', { maxRows: 2 });
    expect(result.rows).toEqual([{ n: 1n }, { n: 2n }, { n: 3n }]);
    expect(result.pages).toBe(4);
    expect(result.status?.ProgressPercentage).toBe(100);
    const calls = mock.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.NextToken)).toEqual([undefined, 't1', 't2', 't3']);
    expect(calls.every((c) => c.MaxRows === 2 && c.QueryString === 'SELECT n FROM x')).toBe(true);
  });

  it('sends CancelQuery when its signal aborts between pages', async () => {
    const controller = new AbortController();
    mock.on(QueryCommand).callsFake(() => {
      controller.abort(new Error('user left'));
      return page(['1'], 'more');
    });
    mock.on(CancelQueryCommand).resolves({});
    const error = await runQuery(client, 'SELECT 1', { signal: controller.signal }).catch((e) => e);
    expect(error).toBeInstanceOf(QueryCancelledError);
    expect(error.message).toContain('user left');
    expect(mock.commandCalls(CancelQueryCommand).map((c) => c.args[0].input)).toEqual([{ QueryId: 'AEBQEANNWTSYL2DP' }]);
  });

  it('cancels after its timeout', async () => {
    mock.on(QueryCommand).callsFake(async () => {
      await new Promise((r) => setTimeout(r, 30));
      return page(['1'], 'more');
    });
    mock.on(CancelQueryCommand).resolves({});
    const error = await runQuery(client, 'SELECT 1', { timeoutMs: 50 }).catch((e) => e);
    expect(error).toBeInstanceOf(QueryCancelledError);
    expect(error.message).toContain('timed out after 50 ms');
    expect(mock.commandCalls(CancelQueryCommand)).toHaveLength(1);
  });

  it('wraps service errors, naming them', async () => {
    mock.on(QueryCommand).rejects(Object.assign(new Error("line 1:8: Column 'x' does not exist"), { name: 'ValidationException' }));
    const error = await runQuery(client, 'SELECT x').catch((e) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(error.message).toBe("ValidationException: line 1:8: Column 'x' does not exist");
  });
});
