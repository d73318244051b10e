import { randomBytes } from 'node:crypto';
import type { ScheduledQueryState } from '@aws-sdk/client-timestream-query';
import { ConflictException, ResourceNotFoundException, ValidationException } from '../errors';
import type { ServiceSettings } from '../operations/shared/context';
import type { Tag } from '../storage/resource-types';
import type { TimestreamStorage } from '../storage/timestream-storage';
import { RECENTLY_FAILED_RUNS, type RunRecord, type ScheduledQueryRecord, type ScheduledQuerySpec } from './definition';
import { NotificationLog } from './notification-log';
import { messages, snsNotification, type NotificationType, type SnsNotification } from './notifications';
import type { WriteRecordsFn } from './result-writer';
import { runScheduledQuery } from './run-scheduled-query';
import { parseScheduleExpression } from './schedule-expression';
import { Scheduler } from './scheduler';
import { realTimers, type Timers } from './timers';
import { validateAgainstCatalog } from './validate-against-catalog';
import type { ObjectStore } from '../objects/object-store';

export interface ScheduledQueryServiceOptions {
  storage: TimestreamStorage;
  /** WriteRecords of the write service: where results go */
  write: WriteRecordsFn;
  settings: ServiceSettings;
  now: () => Date;
  timers?: Timers;
  /** notifications are kept under it (in memory only without it) */
  dataDir?: string;
  /** where error reports go (none are written without it) */
  objects?: ObjectStore;
  /** failures that belong to no request (persisting a run, writing a notification) */
  onError?: (error: unknown) => void;
}

const KEY_PREFIX = 'scheduled-query/';
/** How long a ClientToken makes CreateScheduledQuery idempotent. */
const CLIENT_TOKEN_MS = 8 * 3_600_000;

const notFound = (arn: string) => new ResourceNotFoundException(`The scheduled query ${arn} does not exist.`, { ScheduledQueryArn: arn });
/** What a CreateScheduledQuery request asked for, without its ClientToken (to tell a retry from another request). */
const requested = (s: ScheduledQuerySpec): string =>
  JSON.stringify([s.name, s.queryString, s.scheduleExpression, s.topicArn, s.target, s.executionRoleArn, s.kmsKeyId, s.errorReport, s.tags]);

/** The scheduled queries of one server: their definitions and run history (metadata store), schedule and runs. */
export class ScheduledQueryService {
  private readonly records = new Map<string, ScheduledQueryRecord>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly scheduler: Scheduler;

  private constructor(private readonly options: ScheduledQueryServiceOptions, private readonly log: NotificationLog) {
    this.scheduler = new Scheduler(options.now, options.timers ?? realTimers, (arn, at) => this.enqueue(arn, at, false, false));
  }

  /** Loads the stored scheduled queries; enabled ones continue from the clock's time (missed invocations are not replayed). */
  static async open(options: ScheduledQueryServiceOptions): Promise<ScheduledQueryService> {
    const service = new ScheduledQueryService(options, await NotificationLog.open(options.dataDir));
    for (const { value } of await options.storage.readDocuments(KEY_PREFIX)) {
      const record = value as ScheduledQueryRecord;
      service.records.set(record.arn, record);
      try {
        if (record.state === 'ENABLED') service.schedule(record);
      } catch (error) {
        options.onError?.(error); // a stored expression this version cannot read: kept, but not scheduled
      }
    }
    return service;
  }

  private now(): number {
    return this.options.now().getTime();
  }

  private schedule(record: ScheduledQueryRecord): void {
    this.scheduler.add(record.arn, parseScheduleExpression(record.scheduleExpression), record.creationTime);
  }

  private persist(record: ScheduledQueryRecord): Promise<void> {
    return this.options.storage.writeDocuments([{ key: KEY_PREFIX + record.arn, value: record }]);
  }

  private notify(record: ScheduledQueryRecord, message: { type: NotificationType; arn: string }): Promise<void> {
    return this.log.publish(snsNotification(record.topicArn, message, this.options.now()));
  }

  get(arn: string): ScheduledQueryRecord {
    const record = this.records.get(arn);
    if (!record) throw notFound(arn);
    return record;
  }

  has(arn: string): boolean {
    return this.records.has(arn);
  }

  /** Sorted by name. */
  list(): ScheduledQueryRecord[] {
    return [...this.records.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  nextInvocation(arn: string): number | undefined {
    return this.scheduler.nextInvocation(arn);
  }

  /** CreateScheduledQuery: the same ClientToken within 8 hours answers the same ARN; a name is used once. */
  async create(spec: ScheduledQuerySpec): Promise<string> {
    const now = this.now();
    if (spec.clientToken) {
      const earlier = [...this.records.values()].find((r) => r.clientToken === spec.clientToken && now - r.creationTime < CLIENT_TOKEN_MS);
      if (earlier && requested(earlier) === requested(spec)) return earlier.arn;
      if (earlier) throw new ValidationException(`The ClientToken was already used, within 8 hours, for another CreateScheduledQuery request (${earlier.name}).`);
    }
    if ([...this.records.values()].some((r) => r.name === spec.name)) throw new ConflictException(`A scheduled query with the name ${spec.name} already exists.`);
    await validateAgainstCatalog(spec, this.options.storage, this.options.now());
    const { region, accountId } = this.options.settings;
    const arn = `arn:aws:timestream:${region}:${accountId}:scheduled-query/${spec.name}-${randomBytes(6).toString('hex')}`;
    const record: ScheduledQueryRecord = { ...spec, arn, creationTime: now, state: 'ENABLED', recentlyFailedRuns: [], lastVersion: 0 };
    await this.persist(record);
    this.records.set(arn, record);
    await this.notify(record, messages.lifecycle('SCHEDULED_QUERY_CREATING', arn));
    this.schedule(record);
    await this.notify(record, messages.lifecycle('SCHEDULED_QUERY_CREATED', arn));
    return arn;
  }

  /** UpdateScheduledQuery: ENABLED schedules from the clock's time on, DISABLED stops the automatic runs. */
  async setState(arn: string, state: ScheduledQueryState): Promise<void> {
    const record = this.get(arn);
    record.state = state;
    await this.persist(record);
    if (state === 'ENABLED') this.schedule(record);
    else this.scheduler.remove(arn);
    await this.notify(record, messages.updated(arn, state));
  }

  async remove(arn: string): Promise<void> {
    const record = this.get(arn);
    await this.options.storage.writeDocuments([{ key: KEY_PREFIX + arn }]);
    this.records.delete(arn);
    this.scheduler.remove(arn);
    await this.notify(record, messages.lifecycle('SCHEDULED_QUERY_DELETED', arn));
  }

  async setTags(arn: string, tags: Tag[]): Promise<void> {
    const record = this.get(arn);
    record.tags = tags;
    await this.persist(record);
  }

  /** ExecuteScheduledQuery: runs as of `invocationMs` after the runs already queued; resolves when it finished. */
  async execute(arn: string, invocationMs: number, insights: boolean): Promise<void> {
    this.get(arn);
    await this.enqueue(arn, invocationMs, true, insights);
  }

  /** Fires the automatic runs that are due at the clock's time; resolves when they finished. */
  runDue(): Promise<void> {
    return this.scheduler.runDue();
  }

  /** Resolves when every queued run finished. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  /** The notifications published so far (oldest first), optionally of one topic. */
  notifications(topicArn?: string): SnsNotification[] {
    return this.log.list(topicArn);
  }

  async close(): Promise<void> {
    this.scheduler.close();
    await this.idle();
  }

  /** Runs of one scheduled query happen one after the other (a run starts when the previous one finished). */
  private enqueue(arn: string, invocationMs: number, manual: boolean, insights: boolean): Promise<void> {
    const previous = this.queues.get(arn) ?? Promise.resolve();
    const job = previous.then(() => this.run(arn, invocationMs, manual, insights)).catch((error: unknown) => this.options.onError?.(error));
    this.queues.set(arn, job);
    void job.then(() => {
      if (this.queues.get(arn) === job) this.queues.delete(arn);
    });
    return job;
  }

  private async run(arn: string, invocationMs: number, manual: boolean, insights: boolean): Promise<void> {
    const record = this.records.get(arn);
    if (!record) return;
    const version = Math.max(this.now(), record.lastVersion + 1);
    const { run, disable } = await runScheduledQuery(record, { invocationMs, manual, insights, version }, {
      storage: this.options.storage,
      write: this.options.write,
      now: this.options.now,
      objects: this.options.objects,
    });
    if (this.records.get(arn) !== record) return;
    this.record(record, run, version);
    const disabling = disable && record.state === 'ENABLED';
    if (disabling) {
      record.state = 'DISABLED';
      this.scheduler.remove(arn);
    }
    await this.persist(record);
    await this.notify(record, messages.run(arn, run, this.scheduler.nextInvocation(arn)));
    if (disabling) await this.notify(record, messages.updated(arn, 'DISABLED'));
  }

  private record(record: ScheduledQueryRecord, run: RunRecord, version: number): void {
    record.lastRun = run;
    record.previousInvocationTime = run.invocationTime;
    record.lastVersion = version;
    if (run.runStatus.endsWith('_FAILURE')) record.recentlyFailedRuns = [run, ...record.recentlyFailedRuns].slice(0, RECENTLY_FAILED_RUNS);
  }
}
