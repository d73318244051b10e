import fc from 'fast-check';
import { CreateDatabaseCommand, CreateTableCommand, ListDatabasesCommand, TimestreamWriteClient, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { errorOf, startHarness, TEST_CREDENTIALS, writeClient, type Harness } from './harness';
import { rawRequest } from './raw-http';

describe('awsJson1_0 protocol', () => {
  let h: Harness;
  const seen: Array<[string | undefined, number]> = [];
  beforeAll(async () => {
    h = await startHarness({ inMemory: true, maxBodyBytes: 64 * 1024, onRequest: (op, status) => seen.push([op, status]) });
    await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'proto' }));
    await h.write.send(new CreateTableCommand({ DatabaseName: 'proto', TableName: 'readings' }));
  });
  afterAll(() => h.close());

  it('answers malformed JSON with a 400 SerializationException in the service error format', async () => {
    const res = await rawRequest(h.server.endpoint, { target: 'WriteRecords', body: '{"DatabaseName": "proto", ' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(res.headers['x-amzn-errortype']).toBe('SerializationException');
    expect(res.headers['x-amzn-requestid']).toMatch(/^[A-Z0-9]+$/);
    expect(JSON.parse(res.body)).toMatchObject({ __type: expect.stringMatching(/#SerializationException$/), Message: expect.any(String) });
    const array = await rawRequest(h.server.endpoint, { target: 'ListDatabases', body: '[1,2]' });
    expect(array.status).toBe(400);
  });

  it('answers an unknown operation with 404 UnknownOperationException and an empty body as {}', async () => {
    const unknown = await rawRequest(h.server.endpoint, { target: 'DropEverything', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    const noTarget = await rawRequest(h.server.endpoint, { body: '{}' });
    expect(noTarget.status).toBe(404);
    const empty = await rawRequest(h.server.endpoint, { target: 'ListDatabases' });
    expect(empty.status).toBe(200);
    expect(JSON.parse(empty.body).Databases.map((d: { DatabaseName: string }) => d.DatabaseName)).toContain('proto');
  });

  it('refuses a body whose declared length is over the limit without waiting for it', async () => {
    const res = await rawRequest(h.server.endpoint, { target: 'WriteRecords', headers: { 'Content-Length': String(50 * 1024 * 1024) }, chunks: [Buffer.from('{"Records": [')] });
    expect(res.status).toBe(413);
    expect(res.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
  });

  it('refuses a streamed (chunked) body as soon as it passes the limit', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const res = await rawRequest(h.server.endpoint, { target: 'WriteRecords', headers: { 'Transfer-Encoding': 'chunked' }, chunks: [chunk, chunk, chunk, chunk, chunk] });
    expect(res.status).toBe(413);
  });

  it('an SDK call over the limit fails and the server keeps serving', async () => {
    const big = Array.from({ length: 100 }, (_, i) => ({ Dimensions: [{ Name: 'd', Value: 'v'.repeat(1000) }], MeasureName: 'm', MeasureValue: '1', Time: String(Date.now() - i) }));
    const error = await errorOf(h.write.send(new WriteRecordsCommand({ DatabaseName: 'proto', TableName: 'readings', Records: big })));
    if (error.$metadata?.httpStatusCode !== undefined) expect(error.$metadata.httpStatusCode).toBe(413);
    expect((await h.write.send(new ListDatabasesCommand({}))).Databases?.length).toBeGreaterThan(0);
  });

  it('no input crashes the server or answers 500 (arbitrary JSON to every write operation)', async () => {
    await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'fuzz' }));
    await h.write.send(new CreateTableCommand({ DatabaseName: 'fuzz', TableName: 'readings' }));
    const ops = ['CreateDatabase', 'DescribeDatabase', 'ListDatabases', 'UpdateDatabase', 'DeleteDatabase', 'CreateTable', 'DescribeTable', 'ListTables', 'UpdateTable', 'DeleteTable', 'WriteRecords', 'TagResource', 'UntagResource', 'ListTagsForResource'];
    const recordish = fc.record(
      {
        Dimensions: fc.oneof(fc.anything(), fc.array(fc.record({ Name: fc.oneof(fc.string(), fc.anything()), Value: fc.oneof(fc.string(), fc.anything()) }))),
        MeasureName: fc.oneof(fc.string(), fc.anything()),
        MeasureValue: fc.oneof(fc.string(), fc.anything()),
        MeasureValueType: fc.oneof(fc.constantFrom('DOUBLE', 'BIGINT', 'VARCHAR', 'BOOLEAN', 'TIMESTAMP', 'MULTI'), fc.anything()),
        Time: fc.oneof(fc.string(), fc.bigInt().map(String), fc.anything()),
        TimeUnit: fc.oneof(fc.constantFrom('SECONDS', 'NANOSECONDS'), fc.anything()),
        Version: fc.oneof(fc.integer(), fc.double(), fc.anything()),
        MeasureValues: fc.oneof(fc.anything(), fc.array(fc.record({ Name: fc.string(), Value: fc.string(), Type: fc.constantFrom('DOUBLE', 'TIMESTAMP', 'MULTI', 'X') }))),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.anything(),
      fc.record({ DatabaseName: fc.oneof(fc.constant('fuzz'), fc.anything()), TableName: fc.oneof(fc.constant('readings'), fc.anything()), Records: fc.oneof(fc.array(recordish, { maxLength: 5 }), fc.anything()), CommonAttributes: fc.oneof(recordish, fc.anything()) }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), body, async (op, input) => {
        const res = await rawRequest(h.server.endpoint, { target: op, body: JSON.stringify(input) ?? '' });
        expect(res.status).toBeLessThan(500);
        expect(res.body).not.toMatch(/duckdb|Binder Error|Conversion Error|Catalog Error/i);
      }),
      { numRuns: 150 },
    );
    // The fuzz may legitimately delete its own database; the server must still answer and keep the others.
    const names = (await h.write.send(new ListDatabasesCommand({}))).Databases?.map((d) => d.DatabaseName);
    expect(names).toContain('proto');
  });

  it('discovers the endpoint through AWS_ENDPOINT_URL (DescribeEndpoints answers the bare host)', async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = h.server.endpoint;
    try {
      seen.length = 0;
      const client = new TimestreamWriteClient({ region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
      const result = await client.send(new ListDatabasesCommand({}));
      expect(result.Databases?.map((d) => d.DatabaseName)).toContain('proto');
      client.destroy();
      expect(seen.map(([op]) => op)).toEqual(['DescribeEndpoints', 'ListDatabases']);
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });
});

describe('SigV4 when started with credentials', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ inMemory: true, credentials: TEST_CREDENTIALS });
  });
  afterAll(() => h.close());

  it('accepts requests signed with the configured credentials', async () => {
    const created = await h.write.send(new CreateDatabaseCommand({ DatabaseName: 'signed' }));
    expect(created.Database?.DatabaseName).toBe('signed');
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const client = writeClient(h.server.endpoint, { accessKeyId: 'AKIDOTHER', secretAccessKey: TEST_CREDENTIALS.secretAccessKey });
    const error = await errorOf(client.send(new ListDatabasesCommand({})));
    client.destroy();
    expect(error.name).toBe('UnrecognizedClientException');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    const client = writeClient(h.server.endpoint, { accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: 'wrong-secret' });
    const error = await errorOf(client.send(new ListDatabasesCommand({})));
    client.destroy();
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.message).toContain('signature we calculated does not match');
  });

  it('refuses an unsigned request and a signed request whose body was changed', async () => {
    const unsigned = await rawRequest(h.server.endpoint, { target: 'ListDatabases', body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers['x-amzn-errortype']).toBe('UnrecognizedClientException');

    const url = new URL(h.server.endpoint);
    const signer = new SignatureV4({ credentials: TEST_CREDENTIALS, region: 'us-east-1', service: 'timestream', sha256: Hash.bind(null, 'sha256') });
    const body = '{"DatabaseName":"signed"}';
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'Timestream_20181101.DescribeDatabase' },
      body,
    });
    const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k !== 'host'));
    const ok = await rawRequest(h.server.endpoint, { headers, body });
    expect(ok.status).toBe(200);
    const tampered = await rawRequest(h.server.endpoint, { headers, body: '{"DatabaseName":"other"}' });
    expect(tampered.status).toBe(403);
    expect(tampered.headers['x-amzn-errortype']).toBe('InvalidSignatureException');
  });
});
