import type { Server } from 'node:http';

/** The local Timestream server as the local cloud uses it. */
export interface TimestreamService {
  /** http://127.0.0.1:<port>, for both the write and the query API. */
  endpoint: string;
  port: number;
  /** Observed for request latencies (SuccessfulRequestLatency per Operation); absent for an external server. */
  httpServer?: Server;
  close(): Promise<void>;
}

export type StartTimestream = (options: { host: string; port: number; dataDir: string; region: string; accountId: string }) => Promise<TimestreamService>;
