import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface ObservedRequest {
  /** Operation from X-Amz-Target (e.g. WriteRecords, Query), or "unknown". */
  operation: string;
  statusCode: number;
  latencyMs: number;
  at: number;
}

/**
 * Watches an HTTP server's requests from outside (a second 'request' listener), so the local
 * Timestream server yields the same SuccessfulRequestLatency per Operation that AWS publishes.
 */
export function observeRequestLatency(server: Server, onRequest: (observed: ObservedRequest) => void): () => void {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.includes('.') ? target.slice(target.lastIndexOf('.') + 1) : 'unknown';
    res.once('finish', () => onRequest({ operation, statusCode: res.statusCode, latencyMs: performance.now() - started, at: Date.now() }));
  };
  server.on('request', listener);
  return () => server.off('request', listener);
}
