import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { observeRequestLatency, type ObservedRequest } from './latency-observer';

describe('observeRequestLatency', () => {
  it('reports operation, status and latency of each request', async () => {
    // How long the server itself held each request (timers follow the loop's cached clock, so a
    // 20 ms timer can end sooner than 20 ms of wall time on a busy machine: measure, do not assume).
    const held: number[] = [];
    const server = createServer((req, res) => {
      const started = performance.now();
      setTimeout(() => {
        res.statusCode = req.headers['x-amz-target'] === 'Timestream_20181101.Query' ? 400 : 200;
        held.push(performance.now() - started);
        res.end('{}');
      }, 20);
    });
    const seen: ObservedRequest[] = [];
    const stop = observeRequestLatency(server, (o) => seen.push(o));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const send = (target?: string) =>
      new Promise<void>((resolve) => {
        const req = request({ port, host: '127.0.0.1', method: 'POST', headers: target ? { 'x-amz-target': target } : {} }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.end('{}');
      });
    await send('Timestream_20181101.WriteRecords');
    await send('Timestream_20181101.Query');
    stop();
    await send();
    await new Promise<void>((r) => server.close(() => r()));
    expect(seen.map((s) => [s.operation, s.statusCode])).toEqual([
      ['WriteRecords', 200],
      ['Query', 400],
    ]);
    // The observer starts its clock just after the server's handler does (a later listener), so it sees at least the time held, less that gap.
    expect(seen[0].latencyMs).toBeGreaterThanOrEqual(held[0] - 1);
  });
});
