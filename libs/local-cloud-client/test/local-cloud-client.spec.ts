import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalCloudClient, LocalCloudUnavailableError, type PipelineReport } from '../src';

function pipeline(overrides: Partial<PipelineReport>): PipelineReport {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    messagesReceived: 0,
    messagesPerSecond: 0,
    ruleMatched: 0,
    ruleErrors: 0,
    recordsToStream: 0,
    streamRefused: 0,
    lambdaInvocations: 0,
    lambdaErrors: 0,
    readingsWritten: 0,
    messagesInvalid: 0,
    recordsRejected: 0,
    putAsideTotal: 0,
    putAsideByReason: {},
    recentPutAside: [],
    deadLetters: { total: 0, byStage: {}, atStart: 0, replayed: 0, oldest: null },
    action: 'kinesis',
    stream: { recordsPut: 0, recordsDelivered: 0, recordsPutAside: 0, recordsRefused: 0, batches: 0, retries: 0, pending: 0, recordsRecovered: 0, shards: {} },
    directWritesInFlight: 0,
    ...overrides,
  };
}

describe('LocalCloudClient', () => {
  let server: Server;
  let url: string;
  let pipelines: PipelineReport[];

  beforeEach(async () => {
    pipelines = [];
    server = createServer((req, res) => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/health') return send(200, { status: 'ok', action: 'kinesis' });
      if (req.url === '/alarms') return send(200, { alarms: [{ id: 'stale-devices', state: 'OK' }], history: [] });
      if (req.url === '/pipeline') return send(200, pipelines.length > 1 ? pipelines.shift() : pipelines[0]);
      if (req.url === '/scheduled-queries') return send(200, { refreshedAt: '2026-01-01T00:05:00.000Z', topicArn: 'arn:t', scheduledQueries: [{ name: 'iot-timeseries-local-rollup-1h', state: 'ENABLED' }], notifications: [] });
      if (req.url === '/dead-letters/replay' && req.method === 'POST') {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          const request = JSON.parse(body);
          if (request.reason === 'refuse') return send(400, { error: 'since must be an ISO 8601 time' });
          send(200, { dryRun: request.dryRun === true, matched: 1, replayed: request.dryRun ? 0 : 1, alreadyReplayed: 0, notReplayable: [], failed: [], letters: [] });
        });
        return;
      }
      send(404, { error: 'no route' });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it('reads health and the alarm list', async () => {
    const client = new LocalCloudClient(url);
    expect(await client.health()).toMatchObject({ status: 'ok', action: 'kinesis' });
    expect(await client.alarms()).toEqual([{ id: 'stale-devices', state: 'OK' }]);
  });

  it('waits until everything sent was received and the stream is empty', async () => {
    const streamWith = (pending: number) => ({ recordsPut: 5, recordsDelivered: 5 - pending, recordsPutAside: 0, recordsRefused: 0, batches: 1, retries: 0, pending, recordsRecovered: 0, shards: {} });
    pipelines.push(pipeline({ messagesReceived: 3 }), pipeline({ messagesReceived: 5, stream: streamWith(2) }), pipeline({ messagesReceived: 5, stream: streamWith(0) }));
    const report = await new LocalCloudClient(url).waitUntilDrained(5, 5_000);
    expect(report.messagesReceived).toBe(5);
    expect(report.stream?.pending).toBe(0);
  });

  it('reads the scheduled queries of the rollups', async () => {
    const report = await new LocalCloudClient(url).scheduledQueries();
    expect(report.scheduledQueries.map((q) => [q.name, q.state])).toEqual([['iot-timeseries-local-rollup-1h', 'ENABLED']]);
    expect(report.refreshedAt).toBe('2026-01-01T00:05:00.000Z');
  });

  it('posts a replay of dead letters and names the reason of a refusal', async () => {
    const client = new LocalCloudClient(url);
    expect(await client.replayDeadLetters({ dryRun: true, reason: 'humidity' })).toMatchObject({ dryRun: true, matched: 1, replayed: 0 });
    expect(await client.replayDeadLetters({})).toMatchObject({ dryRun: false, replayed: 1 });
    await expect(client.replayDeadLetters({ reason: 'refuse' })).rejects.toThrow(`${url}/dead-letters/replay answered 400: since must be an ISO 8601 time`);
  });

  it('names the route and status of an error answer', async () => {
    const misplaced = new LocalCloudClient(`${url}/elsewhere`);
    await expect(misplaced.health()).rejects.toThrow(`${url}/elsewhere/health answered 404`);
  });

  it('gives up waiting for a local cloud that does not answer, with the hint', async () => {
    const closed = new LocalCloudClient('http://127.0.0.1:1', 200);
    const wait = closed.waitUntilReady(600, { intervalMs: 100, hint: 'start it with npm start' });
    await expect(wait).rejects.toThrow(LocalCloudUnavailableError);
    await expect(closed.waitUntilReady(300, { intervalMs: 100, hint: 'start it with npm start' })).rejects.toThrow(
      /did not answer at http:\/\/127.0.0.1:1\/health within 0 s \(start it with npm start\)/,
    );
  });
});
