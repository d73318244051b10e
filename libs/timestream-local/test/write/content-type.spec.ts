import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateDatabaseCommand, CreateTableCommand } from '@aws-sdk/client-timestream-write';
import { startHarness, visibleRows, type Harness } from './harness';
import { rawRequest } from './raw-http';

const record = () => ({ Dimensions: [{ Name: 'device_id', Value: 'd1' }], MeasureName: 'temperature', MeasureValue: '21.5', Time: String(Date.now()) });
const writeBody = () => JSON.stringify({ DatabaseName: 'types', TableName: 'readings', Records: [record()] });

/** A python3 that imports boto3 (`scripts/ensure-boto3.sh`, run by the test target, installs Debian's when missing). */
function pythonWithBoto3(): string {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import boto3']).status === 0) return python;
  }
  throw new Error('no python3 with boto3: run bash libs/timestream-local/scripts/ensure-boto3.sh');
}

describe('Content-Type', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ inMemory: true });
    await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'types' }));
    await h.write.send(new CreateTableCommand({ DatabaseName: 'types', TableName: 'readings' }));
  });
  afterAll(() => h.close());

  it.each(['text/plain', 'application/json', 'application/x-amz-json-1.1', 'application/x-www-form-urlencoded'])(
    'refuses WriteRecords sent as %s with 404 UnknownOperationException, storing nothing',
    async (contentType) => {
      const res = await rawRequest(h.server.endpoint, { target: 'WriteRecords', headers: { 'Content-Type': contentType }, body: writeBody() });
      expect(res.status).toBe(404);
      expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
      expect(res.headers['content-type']).toBe('application/x-amz-json-1.0');
      const body = JSON.parse(res.body);
      expect(body.__type).toBe('com.amazon.coral.service#UnknownOperationException');
      expect(body.Message).toBe(`The request has Content-Type '${contentType}'; the Timestream API accepts only Content-Type application/x-amz-json-1.0.`);
      expect(await visibleRows(h.server, 'types', 'readings')).toEqual([]);
    },
  );

  it('refuses a request with an empty Content-Type, naming its absence', async () => {
    const res = await rawRequest(h.server.endpoint, { target: 'ListDatabases', headers: { 'Content-Type': '' }, body: '{}' });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).Message).toMatch(/^The request has no Content-Type; /);
  });

  it('accepts application/x-amz-json-1.0 in any case and with parameters', async () => {
    for (const contentType of ['application/x-amz-json-1.0', 'Application/X-Amz-Json-1.0', 'application/x-amz-json-1.0; charset=utf-8']) {
      const res = await rawRequest(h.server.endpoint, { target: 'WriteRecords', headers: { 'Content-Type': contentType }, body: writeBody() });
      expect(res.status).toBe(200);
    }
    expect(await visibleRows(h.server, 'types', 'readings')).toHaveLength(3);
  });

  it('works with botocore (boto3, the SDK of the AWS CLI): write, a version conflict, query', async () => {
    const { stdout } = await promisify(execFile)(pythonWithBoto3(), [path.join(__dirname, 'boto3-client.py'), h.server.endpoint], { timeout: 60_000 });
    const answered = JSON.parse(stdout);
    expect(answered.ingested).toEqual({ Total: 1, MemoryStore: 1, MagneticStore: 0 });
    expect(answered.conflict).toMatch(/^A record already exists with the same time, dimensions, measure name, and record version/);
    expect(answered.rows).toEqual([{ Data: [{ ScalarValue: 'd1' }, { ScalarValue: '21.5' }] }]);
  }, 60_000);
});
