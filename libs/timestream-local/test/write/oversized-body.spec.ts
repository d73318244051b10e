import { request } from 'node:http';
import { connect } from 'node:net';
import { ListDatabasesCommand, WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { startCli, stopCli, type Cli } from './cli-process';
import { errorOf, startHarness, writeClient, type Harness } from './harness';

const MIB = 1024 * 1024;

/** 100 records of about 50 KiB each: a WriteRecords body of about 5 MiB (the default limit is 4 MiB). */
const fiveMegabytes = (): _Record[] =>
  Array.from({ length: 100 }, (_, i) => ({ Dimensions: [{ Name: 'device_id', Value: 'x'.repeat(50 * 1024) }], MeasureName: 'm', MeasureValue: '1', Time: String(Date.now() - i) }));

interface RawExchange {
  /** everything the server sent, as text */
  received: string;
  /** how the connection ended: the server closed it cleanly (end), or a socket error code */
  ended: 'end' | string;
  /** body bytes written before the connection ended */
  written: number;
}

/**
 * A client that writes the whole request (head, then the body in chunks with pauses) before it reads anything, as
 * most HTTP clients do; it reads the answer only afterwards. `stopAfter` stops sending (without closing) after so many body bytes.
 */
function writeThenRead(endpoint: string, bodyBytes: number, options: { chunk?: number; pauseMs?: number; stopAfter?: number; readWhileWriting?: boolean } = {}): Promise<RawExchange> {
  const url = new URL(endpoint);
  const chunk = Buffer.alloc(options.chunk ?? 256 * 1024, 0x20);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    let written = 0;
    let settled = false;
    const settle = (ended: string) => {
      if (settled) return;
      settled = true;
      resolve({ received, ended, written });
    };
    if (!options.readWhileWriting) socket.pause();
    socket.on('data', (c: Buffer) => (received += c.toString('latin1')));
    socket.on('end', () => settle('end'));
    socket.on('error', (error: NodeJS.ErrnoException) => settle(error.code ?? error.message));
    socket.on('close', () => settle('close'));
    socket.on('connect', async () => {
      socket.write(`POST / HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: Timestream_20181101.WriteRecords\r\nContent-Length: ${bodyBytes}\r\n\r\n`);
      const limit = Math.min(bodyBytes, options.stopAfter ?? bodyBytes);
      while (written < limit && !socket.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, limit - written));
        const ok = await new Promise<boolean>((done) => socket.write(piece, (error) => done(!error)));
        if (!ok) return;
        written += piece.length;
        if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
      }
      socket.resume();
    });
  });
}

const statusOf = (text: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);

describe('a body over the limit (CLI in its own process, default 4 MiB limit)', () => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await startCli();
  });
  afterAll(() => stopCli(cli));

  it('answers ten 5 MB WriteRecords calls of the SDK with RequestEntityTooLargeException (413), ten out of ten', async () => {
    const client = writeClient(cli.endpoint);
    const records = fiveMegabytes();
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const error = await errorOf(client.send(new WriteRecordsCommand({ DatabaseName: 'any', TableName: 'any', Records: records })));
      seen.push(`${error.name} ${error.$metadata?.httpStatusCode}`);
    }
    expect(seen).toEqual(Array(10).fill('RequestEntityTooLargeException 413'));
    expect((await client.send(new ListDatabasesCommand({}))).Databases).toEqual([]);
    client.destroy();
  }, 60_000);

  it('lets a slow client that writes the whole body before reading receive the 413, then closes the connection cleanly', async () => {
    // 6 MiB in 256 KiB pieces, 20 ms apart (about half a second of sending after the refusal)
    const exchange = await writeThenRead(cli.endpoint, 6 * MIB, { pauseMs: 20 });
    expect(exchange.written).toBe(6 * MIB);
    expect(statusOf(exchange.received)).toBe(413);
    expect(exchange.received).toMatch(/\r\nx-amzn-ErrorType: RequestEntityTooLargeException\r\n/i);
    expect(exchange.received).toMatch(/\r\nConnection: close\r\n/i);
    expect(exchange.received).toContain('"__type":"com.amazon.coral.service#RequestEntityTooLargeException"');
    expect(exchange.ended).toBe('end');
  }, 30_000);

  it('answers `Expect: 100-continue` with the 413 instead of the go-ahead, so the body is never sent', async () => {
    const url = new URL(cli.endpoint);
    const outcome = await new Promise<{ status: number; continued: boolean; body: string }>((resolve, reject) => {
      let continued = false;
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'Timestream_20181101.WriteRecords', 'Content-Length': String(5 * MIB), Expect: '100-continue' } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, continued, body });
          req.destroy();
        });
      });
      req.on('continue', () => (continued = true));
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(outcome).toMatchObject({ status: 413, continued: false });
    expect(JSON.parse(outcome.body).__type).toMatch(/#RequestEntityTooLargeException$/);
  });
});

describe('the bounds of discarding a refused body', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ inMemory: true, maxBodyBytes: 64 * 1024, discardLimits: { maxBytes: 512 * 1024, maxMs: 500 } });
  });
  afterAll(() => h.close());

  it('closes the connection once a client has sent more than the discard limit past the refusal', async () => {
    const exchange = await writeThenRead(h.server.endpoint, 20 * MIB, { chunk: 64 * 1024, readWhileWriting: true });
    expect(statusOf(exchange.received)).toBe(413);
    expect(exchange.written).toBeLessThan(20 * MIB);
  }, 30_000);

  it('closes the connection when a client stops sending for longer than the discard time', async () => {
    const started = Date.now();
    const exchange = await writeThenRead(h.server.endpoint, MIB, { chunk: 64 * 1024, stopAfter: 128 * 1024, readWhileWriting: true });
    expect(statusOf(exchange.received)).toBe(413);
    expect(exchange.written).toBe(128 * 1024);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('reads a body within the discard limit to its end and keeps serving', async () => {
    // 8 pieces 40 ms apart: still sending well after the answer
    const exchange = await writeThenRead(h.server.endpoint, 256 * 1024, { chunk: 32 * 1024, pauseMs: 40 });
    expect(statusOf(exchange.received)).toBe(413);
    expect(exchange.ended).toBe('end');
    expect((await h.write.send(new ListDatabasesCommand({}))).Databases).toEqual([]);
  });
});
