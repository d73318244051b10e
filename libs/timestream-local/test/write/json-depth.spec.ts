import { ListDatabasesCommand } from '@aws-sdk/client-timestream-write';
import { startHarness, type Harness } from './harness';
import { rawRequest } from './raw-http';

const arrays = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const objects = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('a request body nested too deeply', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ inMemory: true });
  });
  afterAll(() => h.close());

  it.each([
    ['CreateDatabase', `{"DatabaseName": ${arrays(500_000)}}`],
    ['CreateDatabase', `{"DatabaseName": "deep", "Tags": ${arrays(500_000)}}`],
    ['WriteRecords', `{"DatabaseName": "deep", "TableName": "deep", "Records": ${arrays(500_000)}}`],
    ['WriteRecords', `{"DatabaseName": "deep", "TableName": "deep", "Records": [${objects(300_000)}]}`],
    ['TagResource', `{"ResourceARN": ${objects(300_000)}, "Tags": []}`],
    ['Query', `{"QueryString": "SELECT 1", "MaxRows": ${objects(300_000)}}`],
  ])('%s %#: 400 ValidationException, not a stack overflow', async (target, body) => {
    const res = await rawRequest(h.server.endpoint, { target, body });
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('ValidationException');
    expect(JSON.parse(res.body).Message).toBe('The request body nests arrays and objects more than 64 levels deep.');
  });

  it('accepts 64 levels (the deepest request of the model nests 7) and refuses 65', async () => {
    const at = (levels: number) => rawRequest(h.server.endpoint, { target: 'ListDatabases', body: `{"x": ${arrays(levels - 1)}}` });
    expect((await at(64)).status).toBe(200);
    expect((await at(65)).status).toBe(400);
    expect((await h.write.send(new ListDatabasesCommand({}))).Databases).toEqual([]);
  });
});
