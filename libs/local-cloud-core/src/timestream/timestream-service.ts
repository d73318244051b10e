import type { TimestreamServerError } from '../errors';
import type { ObservedRequest } from './latency-observer';

/** The local Timestream server as the local cloud uses it. */
export interface TimestreamService {
  /** http://127.0.0.1:<port>, for both the write and the query API. */
  endpoint: string;
  port: number;
  /** The server's own process, when it runs in one. */
  pid?: number;
  /** Reports every request it answered (SuccessfulRequestLatency per Operation); absent for an external server. */
  observeRequests?(listener: (observed: ObservedRequest) => void): () => void;
  /** Settles only if the server stops on its own (not through close()); absent when it cannot (embedded, external). */
  lost?: Promise<TimestreamServerError>;
  close(): Promise<void>;
}

/** `s3Endpoint`: the local S3, where the server writes rejected-data and error reports (and UNLOAD results). */
export type StartTimestream = (options: { host: string; port: number; dataDir: string; region: string; accountId: string; s3Endpoint: string }) => Promise<TimestreamService>;
