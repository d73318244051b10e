import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerNotifications, isNotificationsRequest } from './local-api/notifications-endpoint';
import { queryServiceOperations, writeServiceOperations, type OperationHandler } from './operations/registry';
import { createScheduledQueryOperations } from './operations/scheduled';
import type { ServiceSettings } from './operations/shared/context';
import { writeRecords } from './operations/write/write-records';
import { DEFAULT_DISCARD_LIMITS, type DiscardLimits } from './protocol/oversized-body';
import { declaresTooLarge } from './protocol/read-body';
import { createRequestHandler } from './protocol/request-handler';
import type { Credentials } from './protocol/sigv4-verifier';
import { ScheduledQueryService } from './scheduled/scheduled-query-service';
import type { Timers } from './scheduled/timers';
import { DuckDbStorage } from './storage/duckdb-storage';
import type { TimestreamStorage } from './storage/timestream-storage';

export interface ServerOptions {
  /** directory for the DuckDB file and rejected-data reports; in memory when absent */
  dataDir?: string;
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
  /** deletes rows past retention now */
  sweepRetention(): Promise<void>;
  /** stops the sweeper and the scheduler (after running runs finished) and closes storage (the HTTP server must be
   *  closed by whoever listens) */
  dispose(): Promise<void>;
}

export const DEFAULT_SETTINGS: ServiceSettings = { region: 'us-east-1', accountId: '000000000000' };
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Builds the HTTP server (not listening) over a DuckDB storage. */
export async function buildServer(options: ServerOptions = {}): Promise<BuiltServer> {
  const now = options.now ?? (() => new Date());
  const storage = await DuckDbStorage.open({ dataDir: options.dataDir, now: () => now().getTime(), indexedRecords: options.indexedRecords });
  const settings = { region: options.region ?? DEFAULT_SETTINGS.region, accountId: options.accountId ?? DEFAULT_SETTINGS.accountId };
  const onInternalError = options.onInternalError ?? ((error, operation) => console.error(`timestream-local: ${operation ?? 'request'} failed`, error));
  const scheduledQueries = await ScheduledQueryService.open({
    storage,
    // results go through WriteRecords, as a client's writes do
    write: (request) => writeRecords(request, { storage, requestHost: '', requestId: randomBytes(13).toString('hex').toUpperCase(), now, settings }),
    settings,
    now,
    timers: options.timers,
    dataDir: options.dataDir,
    onError: (error) => onInternalError(error, 'scheduled query run'),
  });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const handler = createRequestHandler({
    storage,
    writeOperations: writeServiceOperations,
    queryOperations: { ...queryServiceOperations, ...createScheduledQueryOperations(scheduledQueries), ...options.queryOperations },
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
    sweepRetention: () => storage.sweepRetention(),
    dispose: async () => {
      if (timer) clearInterval(timer);
      await scheduledQueries.close();
      await storage.close();
    },
  };
}
