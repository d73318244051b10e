import { randomBytes } from 'node:crypto';
import type { BatchLoadStatus, DataModel } from '@aws-sdk/client-timestream-write';
import { BatchLoadWriteError, ResourceNotFoundException, ValidationException } from '../errors';
import type { ObjectStore } from '../objects/object-store';
import type { TimestreamStorage } from '../storage/timestream-storage';
import { reportKey, type BatchLoadErrorReport } from './error-report';
import type { NormalizedWriteFn } from './record-batch';
import { runBatchLoad } from './run-batch-load';
import { emptyProgress, type BatchLoadRequest, type BatchLoadTaskRecord, type Progress } from './task';

export interface BatchLoadServiceOptions {
  storage: TimestreamStorage;
  /** the write service's path for normalized records (writeNormalizedRecords): where the rows go */
  write: NormalizedWriteFn;
  /** where sources are read and reports written (none: Create is refused) */
  objects?: ObjectStore;
  now: () => Date;
  /** failures that belong to no request (persisting a task, writing a report) */
  onError?: (error: unknown) => void;
}

const KEY_PREFIX = 'batch-load-task/';
/** How long a ClientToken makes CreateBatchLoadTask idempotent (as CreateScheduledQuery's). */
const CLIENT_TOKEN_MS = 8 * 3_600_000;

const requested = (r: BatchLoadRequest): string => JSON.stringify([r.DataSourceConfiguration, r.DataModelConfiguration, r.ReportConfiguration, r.TargetDatabaseName, r.TargetTableName, r.RecordVersion]);

/**
 * The batch-load tasks of one server: kept in the metadata store, run in the background one at a time in the order
 * they were created (or resumed). A task running when the server stops (closed, or killed) is PROGRESS_STOPPED
 * after the restart; ResumeBatchLoadTask continues it with the files it had not finished.
 */
export class BatchLoadService {
  private readonly tasks = new Map<string, BatchLoadTaskRecord>();
  private readonly live = new Map<string, Progress>();
  private readonly queue: string[] = [];
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;

  private constructor(private readonly options: BatchLoadServiceOptions) {}

  static async open(options: BatchLoadServiceOptions): Promise<BatchLoadService> {
    const service = new BatchLoadService(options);
    const stopped: BatchLoadTaskRecord[] = [];
    for (const { value } of await options.storage.readDocuments(KEY_PREFIX)) {
      const task = value as BatchLoadTaskRecord;
      service.tasks.set(task.taskId, task);
      if (task.status === 'IN_PROGRESS') {
        task.status = 'PROGRESS_STOPPED';
        task.lastUpdatedTime = service.now();
        stopped.push(task);
      }
    }
    if (stopped.length > 0) await service.persist(...stopped);
    const waiting = [...service.tasks.values()].filter((t) => t.status === 'CREATED' || t.status === 'PENDING_RESUME').sort((a, b) => a.lastUpdatedTime - b.lastUpdatedTime);
    for (const task of waiting) service.enqueue(task.taskId);
    return service;
  }

  private now(): number {
    return this.options.now().getTime();
  }

  private persist(...tasks: BatchLoadTaskRecord[]): Promise<void> {
    return this.options.storage.writeDocuments(tasks.map((t) => ({ key: KEY_PREFIX + t.taskId, value: t })));
  }

  /** The object store, or the ValidationException a request without one gets. */
  requireObjects(): ObjectStore {
    if (!this.options.objects) throw new ValidationException('Batch load needs an S3 to read from: start timestream-local with --s3-endpoint (the local cloud passes its S3) or with a --data-dir.');
    return this.options.objects;
  }

  get(taskId: string): BatchLoadTaskRecord {
    const task = this.tasks.get(taskId);
    if (!task) throw new ResourceNotFoundException(`The batch load task ${taskId} does not exist.`);
    return task;
  }

  /** The progress a Describe shows: the finished files' and, while running, the file being read. */
  progressOf(task: BatchLoadTaskRecord): Progress {
    return this.live.get(task.taskId) ?? task.progress;
  }

  /** Oldest first. */
  list(status?: BatchLoadStatus): BatchLoadTaskRecord[] {
    return [...this.tasks.values()].filter((t) => status === undefined || t.status === status).sort((a, b) => a.creationTime - b.creationTime || (a.taskId < b.taskId ? -1 : 1));
  }

  /** CreateBatchLoadTask (the request already checked): the same ClientToken within 8 hours answers the same TaskId. */
  async create(request: BatchLoadRequest, dataModel: DataModel, clientToken: string | undefined): Promise<string> {
    const now = this.now();
    if (clientToken) {
      const earlier = [...this.tasks.values()].find((t) => t.clientToken === clientToken && now - t.creationTime < CLIENT_TOKEN_MS);
      if (earlier && requested(earlier.request) === requested(request)) return earlier.taskId;
      if (earlier) throw new ValidationException(`The ClientToken was already used, within 8 hours, for another CreateBatchLoadTask request (${earlier.taskId}).`);
    }
    const task: BatchLoadTaskRecord = {
      taskId: randomBytes(16).toString('hex').toUpperCase(),
      ...(clientToken ? { clientToken } : {}),
      request,
      dataModel,
      status: 'CREATED',
      creationTime: now,
      lastUpdatedTime: now,
      progress: emptyProgress(),
      completedFiles: [],
      fileErrors: [],
      taskErrors: [],
    };
    await this.persist(task);
    this.tasks.set(task.taskId, task);
    this.enqueue(task.taskId);
    return task.taskId;
  }

  /** ResumeBatchLoadTask: only a PROGRESS_STOPPED task can be resumed; it is PENDING_RESUME until it runs. */
  async resume(taskId: string): Promise<void> {
    const task = this.get(taskId);
    if (task.status !== 'PROGRESS_STOPPED') throw new ValidationException(`The batch load task ${taskId} is ${task.status}; only a task in PROGRESS_STOPPED can be resumed.`);
    task.status = 'PENDING_RESUME';
    task.lastUpdatedTime = this.now();
    await this.persist(task);
    this.enqueue(taskId);
  }

  /** Resolves when no task is queued or running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops the running task between two batches (it is PROGRESS_STOPPED) and waits for it; queued tasks stay queued in the store. */
  async close(): Promise<void> {
    this.abort.abort();
    this.queue.length = 0;
    await this.idle();
  }

  private enqueue(taskId: string): void {
    if (this.abort.signal.aborted) return;
    this.queue.push(taskId);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  private async drain(): Promise<void> {
    for (let id = this.queue.shift(); id !== undefined; id = this.queue.shift()) {
      const task = this.tasks.get(id);
      if (!task) continue;
      try {
        await this.run(task);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private async run(task: BatchLoadTaskRecord): Promise<void> {
    task.status = 'IN_PROGRESS';
    task.lastUpdatedTime = this.now();
    await this.persist(task);
    let end: 'finished' | 'stopped' = 'finished';
    try {
      end = await runBatchLoad(task, {
        objects: this.requireObjects(),
        write: this.options.write,
        checkpoint: () => {
          task.lastUpdatedTime = this.now();
          return this.persist(task);
        },
        onProgress: (progress) => this.live.set(task.taskId, progress),
        signal: this.abort.signal,
      });
    } catch (error) {
      if (!(error instanceof BatchLoadWriteError)) this.options.onError?.(error);
      task.taskErrors.push(error instanceof Error ? error.message : String(error));
    } finally {
      this.live.delete(task.taskId);
    }
    task.lastUpdatedTime = this.now();
    if (end === 'stopped') {
      task.status = 'PROGRESS_STOPPED';
      await this.persist(task);
      return;
    }
    const p = task.progress;
    const failures = p.ParseFailures + p.RecordIngestionFailures + p.FileFailures + task.taskErrors.length;
    // The report and its message before the end status: a Describe that sees the task ended sees where its report is.
    if (failures > 0) task.errorMessage = await this.writeReport(task);
    task.status = failures > 0 ? 'FAILED' : 'SUCCEEDED';
    await this.persist(task);
  }

  /** Writes the error report; answers the task's ErrorMessage (where the report is, or why it is not there). */
  private async writeReport(task: BatchLoadTaskRecord): Promise<string> {
    const p = task.progress;
    const counts = `${p.ParseFailures} parse failures, ${p.RecordIngestionFailures} record ingestion failures, ${p.FileFailures} file failures, ${task.taskErrors.length} task errors`;
    const s3 = task.request.ReportConfiguration.ReportS3Configuration;
    if (!s3?.BucketName) return `The task finished with errors (${counts}); no report location was configured.`;
    const key = reportKey(s3.ObjectKeyPrefix, task.taskId);
    const report: BatchLoadErrorReport = { taskId: task.taskId, taskErrors: task.taskErrors, fileErrors: task.fileErrors };
    try {
      await this.requireObjects().putObject(s3.BucketName, key, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
      return `The task finished with errors (${counts}): see the report s3://${s3.BucketName}/${key}.`;
    } catch (error) {
      this.options.onError?.(error);
      return `The task finished with errors (${counts}); the report could not be written to s3://${s3.BucketName}/${key}: ${(error as Error).message}`;
    }
  }
}
