import { runAws, runBoto3 } from './client-process';
import { endpointRuleSets, startClientServer, uniqueName, type ClientServer } from './client-server';
import { awsClis, pythonSdks, type AwsCli, type PythonSdk } from './installed-clients';

jest.setTimeout(90_000);

/**
 * Endpoint discovery with the real clients: told where the server is only by the environment, botocore calls
 * DescribeEndpoints first and sends every call to the address answered (an http:// URL for botocore; it puts
 * https:// before an address without a scheme, which failed SSL validation against this plain-http server).
 * AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_TIMESTREAM_WRITE / _QUERY are tried with every installed client that reads
 * them (boto3 1.28, AWS CLI 1.29 / 2.13 and newer); an endpoint rule set in AWS_DATA_PATH with every client.
 */
type Where = [how: string, env: (endpoint: string) => Record<string, string>];
/** Nothing listens on port 9 of 127.0.0.1 (discard): a call that went there would fail. */
const NOWHERE = 'http://127.0.0.1:9';
const ENV_WAYS: Where[] = [
  ['AWS_ENDPOINT_URL', (endpoint) => ({ AWS_ENDPOINT_URL: endpoint })],
  ['AWS_ENDPOINT_URL_TIMESTREAM_WRITE and _QUERY (over AWS_ENDPOINT_URL)', (endpoint) => ({ AWS_ENDPOINT_URL: NOWHERE, AWS_ENDPOINT_URL_TIMESTREAM_WRITE: endpoint, AWS_ENDPOINT_URL_TIMESTREAM_QUERY: endpoint })],
];
const waysFor = (client: { readsEndpointUrlEnv: boolean }): string[] => [...(client.readsEndpointUrlEnv ? ENV_WAYS.map(([how]) => how) : []), 'an endpoint rule set in AWS_DATA_PATH'];

describe('endpoint discovery by the real clients', () => {
  let s: ClientServer;
  let ruleSets: ReturnType<typeof endpointRuleSets>;
  beforeAll(async () => {
    s = await startClientServer();
    ruleSets = endpointRuleSets(s.endpoint);
  });
  afterAll(async () => {
    ruleSets.remove();
    await s.close();
  });
  const envFor = (how: string): Record<string, string> => {
    const way = ENV_WAYS.find(([name]) => name === how);
    return way ? way[1](s.endpoint) : { AWS_DATA_PATH: ruleSets.dataPath };
  };

  const sdkCases = pythonSdks().flatMap((sdk) => waysFor(sdk).map((how) => [sdk.label, how, sdk] as const));
  it.each(sdkCases)('boto3 %s, told by %s: DescribeEndpoints, then the recipe works', async (_label, how, sdk: PythonSdk) => {
    s.take();
    const db = uniqueName('discovered');
    const answered = await runBoto3<{ databases: string[]; ingested: unknown; rows: string[][] }>(sdk, 'recipe', undefined, [db, 'sensor_data'], envFor(how));
    expect(answered.databases).toContain(db);
    expect(answered.ingested).toEqual({ Total: 3, MemoryStore: 3, MagneticStore: 0 });
    expect(answered.rows).toHaveLength(3);
    const calls = s.take();
    // one discovery per client (write, query), each before that client's first call
    expect(calls.filter((call) => call === 'DescribeEndpoints:200')).toHaveLength(2);
    expect(calls[0]).toBe('DescribeEndpoints:200');
    expect(calls).toEqual(expect.arrayContaining(['CreateDatabase:200', 'CreateTable:200', 'WriteRecords:200', 'Query:200']));
  });

  const cliCases = awsClis().flatMap((cli) => waysFor(cli).map((how) => [cli.label, how, cli] as const));
  it.each(cliCases)('%s, told by %s: DescribeEndpoints, then create-database and query work', async (_label, how, cli: AwsCli) => {
    s.take();
    const db = uniqueName('cli_discovered');
    const env = envFor(how);
    const created = await runAws(cli, ['timestream-write', 'create-database', '--database-name', db], { env });
    expect([created.status, created.stderr]).toEqual([0, '']);
    expect(created.json.Database).toMatchObject({ DatabaseName: db, Arn: `arn:aws:timestream:us-east-1:000000000000:database/${db}` });
    const queried = await runAws(cli, ['timestream-query', 'query', '--query-string', "SELECT 'reached' AS answer"], { env });
    expect([queried.status, queried.stderr]).toEqual([0, '']);
    expect(queried.json.Rows).toEqual([{ Data: [{ ScalarValue: 'reached' }] }]);
    expect(s.take()).toEqual(['DescribeEndpoints:200', 'CreateDatabase:200', 'DescribeEndpoints:200', 'Query:200']);
  });
});
