import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A canned answer the proxy gives instead of forwarding (fault injection). */
export interface ProxyReply {
  status: number;
  errorType: string;
  message: string;
}

export interface ProxyOptions {
  /** Sees every request (operation from X-Amz-Target, parsed JSON body) before it is forwarded. */
  observe?: (operation: string, body: unknown) => void;
  /** Returns a reply to answer without forwarding, or undefined to forward. */
  intercept?: (operation: string, body: unknown) => ProxyReply | undefined;
}

export interface TimestreamProxy {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of the local Timestream server: forwards requests unchanged
 * (Host header kept, so SigV4 signatures stay valid), lets a test observe request bodies and
 * answer some requests with an error as the service would (x-amzn-ErrorType + __type body).
 */
export async function startTimestreamProxy(upstream: string, options: ProxyOptions = {}): Promise<TimestreamProxy> {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      let body: unknown;
      try {
        body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        body = undefined;
      }
      options.observe?.(operation, body);
      const reply = options.intercept?.(operation, body);
      if (reply) {
        const payload = JSON.stringify({ __type: `com.amazonaws.timestream.v20181101#${reply.errorType}`, message: reply.message });
        res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': reply.errorType, 'x-amzn-requestid': 'proxy-fault' });
        res.end(payload);
        return;
      }
      const forward = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers as IncomingHttpHeaders },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      forward.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
