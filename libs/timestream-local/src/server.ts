import { randomBytes } from 'node:crypto';
import type { WriteRecordsRequest } from '@aws-sdk/client-timestream-write';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { directoryObjectStore } from './objects/directory-object-store';
import type { ObjectStore } from './objects/object-store';
import { LOCAL_S3_CREDENTIALS, s3ObjectStore } from './objects/s3-object-store';
import { answerNotifications, isNotificationsRequest } from './local-api/notifications-endpoint';
import { queryServiceOperations, writeServiceOperations, type OperationHandler } from './operations/registry';
import { createQueryOperations } from './operations/query';
import { createBatchLoadOperations } from './operations/batch-load';
import { createScheduledQueryOperations } from './operations/scheduled';
import { BatchLoadService } from './batch-load/batch-load-service';
import type { ServiceSettings } from './operations/shared/context';
import { writeRecords } from './operations/write/write-records';
import { writeNormalizedRecords } from './operations/write/write-normalized';
import type { NormalizedWriteFn } from './batch-load/record-batch';
import { DEFAULT_DISCARD_LIMITS, type DiscardLimits } from './protocol/oversized-body';
import { declaresTooLarge } from './protocol/read-body';
import { createRequestHandler } from './protocol/request-handler';
import type { Credentials } from './protocol/sigv4-verifier';
import { ScheduledQueryService } from './scheduled/scheduled-query-service';
import type { Timers } from './scheduled/timers';
import { DuckDbStorage } from './storage/duckdb-storage';
import type { TimestreamStorage } from './storage/timestream-storage';

export interface ServerOptions {
  /** directory for the DuckDB file (and the reports when no S3 endpoint is given); in memory when absent */
  dataDir?: string;
  /**
   * An S3 endpoint (e.g. the local cloud's, http://127.0.0.1:4568) the server writes rejected-data reports,
   * scheduled-query error reports and UNLOAD results to, with @aws-sdk/client-s3; without it they go to
   * `<dataDir>/s3/<bucket>/<key>` (and are not kept without a data directory).
   */
  s3Endpoint?: string;
  /** credentials for that endpoint (default: the local placeholder `local` / `local`) */
  s3Credentials?: { accessKeyId: string; secretAccessKey: string };
  /** when given, requests must be SigV4-signed with these credentials */
  credentials?: Credentials;
  region?: string;
  accountId?: string;
  /** request bodies above this many bytes are refused (default 4 MiB) */
  maxBodyBytes?: number;
  /** how much of a refused body is still read and thrown away before the connection is closed (64 MiB, 30 s) */
  discardLimits?: Partial<DiscardLimits>;
  /** records per table the write path keeps in memory (default 1,000,000, about 78 MB; older ones are looked up in the table) */
  indexedRecords?: number;
  /** how often rows past retention are deleted (default 60 s; 0 disables the timer) */
  retentionSweepMs?: number;
  /** the service's clock (tests move it) */
  now?: () => Date;
  /** how the scheduled-query scheduler waits (real timers by default; tests pass testing.ts's manual clock) */
  timers?: Timers;
  /** extra or replacement operations (e.g. a query engine) */
  queryOperations?: Record<string, OperationHandler>;
  onInternalError?: (error: unknown, operation: string | undefined) => void;
  /** observes every answered request (logging, tests) */
  onRequest?: (operation: string | undefined, status: number) => void;
}

export interface BuiltServer {
  server: Server;
  storage: TimestreamStorage;
  /** scheduled queries: their runs (runDue, idle) and the notifications they published */
  scheduledQueries: ScheduledQueryService;
  /** batch-load tasks (idle: resolves when none is queued or running) */
  batchLoads: BatchLoadService;
  /** deletes rows past retention now */
  sweepRetention(): Promise<void>;
  /** stops the sweeper, the scheduler (after running runs finished) and the batch-load task running (it is then
   *  PROGRESS_STOPPED) and closes storage (the HTTP server must be
   *  closed by whoever listens) */
  dispose(): Promise<void>;
}

export const DEFAULT_SETTINGS: ServiceSettings = { region: 'us-east-1', accountId: '000000000000' };
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The configured S3 endpoint, else the data directory's `s3/` folder, else nowhere. */
function objectStoreFor(options: ServerOptions, region: string): ObjectStore | undefined {
  if (options.s3Endpoint) return s3ObjectStore({ endpoint: options.s3Endpoint, region, credentials: options.s3Credentials ?? LOCAL_S3_CREDENTIALS });
  return options.dataDir ? directoryObjectStore(options.dataDir) : undefined;
}

/** Builds the HTTP server (not listening) over a DuckDB storage. */
export async function buildServer(options: ServerOptions = {}): Promise<BuiltServer> {
  const now = options.now ?? (() => new Date());
  const settings = { region: options.region ?? DEFAULT_SETTINGS.region, accountId: options.accountId ?? DEFAULT_SETTINGS.accountId };
  const objects = objectStoreFor(options, settings.region);
  const storage = await DuckDbStorage.open({ dataDir: options.dataDir, now: () => now().getTime(), indexedRecords: options.indexedRecords, objects });
  const onInternalError = options.onInternalError ?? ((error, operation) => console.error(`timestream-local: ${operation ?? 'request'} failed`, error));
  // scheduled-query results and batch-load rows go through WriteRecords, as a client's writes do
  const internalContext = () => ({ storage, requestHost: '', requestId: randomBytes(13).toString('hex').toUpperCase(), now, settings });
  const write = (request: WriteRecordsRequest) => writeRecords(request, internalContext());
  // batch load: records it built normalized and validated, in larger calls (the 100-record limit is the WriteRecords API's)
  const bulkWrite: NormalizedWriteFn = (database, table, records) => writeNormalizedRecords(internalContext(), database, table, records);
  const scheduledQueries = await ScheduledQueryService.open({
    storage,
    write,
    settings,
    now,
    timers: options.timers,
    dataDir: options.dataDir,
    objects,
    onError: (error) => onInternalError(error, 'scheduled query run'),
  });
  const batchLoads = await BatchLoadService.open({ storage, write: bulkWrite, objects, now, onError: (error) => onInternalError(error, 'batch load task') });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const handler = createRequestHandler({
    storage,
    writeOperations: { ...writeServiceOperations, ...createBatchLoadOperations(batchLoads) },
    queryOperations: { ...queryServiceOperations, ...createQueryOperations({ objects }), ...createScheduledQueryOperations(scheduledQueries), ...options.queryOperations },
    settings,
    maxBodyBytes,
    discardLimits: { ...DEFAULT_DISCARD_LIMITS, ...options.discardLimits },
    credentials: options.credentials,
    now,
    onRequest: options.onRequest,
    onInternalError,
  });
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (isNotificationsRequest(req)) return answerNotifications(req, res, scheduledQueries);
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const server = createServer({ keepAliveTimeout: 65_000 }, serve);
  // `Expect: 100-continue` with a body over the limit: the 413 instead of the go-ahead, so the body is never sent
  server.on('checkContinue', (req, res) => {
    if (!declaresTooLarge(req, maxBodyBytes)) res.writeContinue();
    serve(req, res);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  const sweepMs = options.retentionSweepMs ?? 60_000;
  const sweep = () => storage.sweepRetention().catch((error) => console.error('timestream-local: retention sweep failed', error));
  const timer = sweepMs > 0 ? setInterval(sweep, sweepMs) : undefined;
  timer?.unref();
  return {
    server,
    storage,
    scheduledQueries,
    batchLoads,
    sweepRetention: () => storage.sweepRetention(),
    dispose: async () => {
      if (timer) clearInterval(timer);
      await batchLoads.close();
      await scheduledQueries.close();
      await storage.close();
    },
  };
}
