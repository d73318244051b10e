import type { AddressInfo } from 'node:net';
import { buildServer, type BuiltServer, type ServerOptions } from './server';

export interface StartOptions extends ServerOptions {
  /** default 127.0.0.1 */
  host?: string;
  /** 0 (default) picks a free port */
  port?: number;
}

export interface RunningTimestreamLocal {
  /** e.g. http://127.0.0.1:8000 */
  endpoint: string;
  port: number;
  /** the listening HTTP server (observe requests, e.g. for latency metrics) */
  server: BuiltServer['server'];
  storage: BuiltServer['storage'];
  scheduledQueries: BuiltServer['scheduledQueries'];
  batchLoads: BuiltServer['batchLoads'];
  sweepRetention(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the server and listens; close() stops accepting, ends connections and closes storage. */
export async function startTimestreamLocal(options: StartOptions = {}): Promise<RunningTimestreamLocal> {
  const built = await buildServer(options);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    built.server.once('error', reject);
    built.server.listen(options.port ?? 0, host, () => {
      built.server.off('error', reject);
      resolve();
    });
  });
  const port = (built.server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${urlHost}:${port}`,
    port,
    server: built.server,
    storage: built.storage,
    scheduledQueries: built.scheduledQueries,
    batchLoads: built.batchLoads,
    sweepRetention: built.sweepRetention,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          built.server.close(() => resolve());
          built.server.closeIdleConnections();
          setTimeout(() => built.server.closeAllConnections(), 2_000).unref();
        });
        await built.dispose();
      })()),
  };
}
