import type { AlertsReport } from './contract/analytics';
import type { AlarmState } from './contract/alarms';
import type { HealthReport } from './contract/health';
import type { PipelineReport } from './contract/pipeline';
import type { ReplayReport, ReplayRequest } from './contract/replay';
import { REPLAY_ROUTE, type LocalCloudRoute, type LocalCloudRoutes } from './contract/routes';
import type { ScheduledQueriesReport } from './contract/scheduled-queries';
import { LocalCloudUnavailableError } from './errors';

export interface WaitUntilReadyOptions {
  intervalMs?: number;
  /** Appended to the error when the local cloud does not answer (how to start it). */
  hint?: string;
}

/** Talks to the local cloud's health server (GET /health, /pipeline, /alarms, /scheduled-queries). */
export class LocalCloudClient {
  constructor(
    readonly baseUrl: string,
    private readonly requestTimeoutMs = 5000,
  ) {}

  health(): Promise<HealthReport> {
    return this.get('/health');
  }

  pipeline(): Promise<PipelineReport> {
    return this.get('/pipeline');
  }

  /** Alerts the window function published (locally), and the open episodes. */
  alerts(): Promise<AlertsReport> {
    return this.get('/alerts');
  }

  async alarms(): Promise<AlarmState[]> {
    return (await this.get('/alarms')).alarms;
  }

  /** The rollups' scheduled queries: their state, last runs and notifications. */
  scheduledQueries(): Promise<ScheduledQueriesReport> {
    return this.get('/scheduled-queries');
  }

  /** Replays dead letters (POST /dead-letters/replay); `dryRun` only lists them. */
  async replayDeadLetters(request: ReplayRequest, timeoutMs = 120_000): Promise<ReplayReport> {
    let response: Response;
    try {
      response = await fetch(this.baseUrl + REPLAY_ROUTE, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new LocalCloudUnavailableError(`${this.baseUrl}${REPLAY_ROUTE} did not answer: ${(cause as Error).message}`, { cause });
    }
    const body = (await response.json().catch(() => ({}))) as ReplayReport & { error?: string };
    if (!response.ok) throw new LocalCloudUnavailableError(`${this.baseUrl}${REPLAY_ROUTE} answered ${response.status}${body.error ? `: ${body.error}` : ''}`);
    return body;
  }

  /** Polls /health until it answers (bounded). */
  async waitUntilReady(timeoutMs: number, options: WaitUntilReadyOptions = {}): Promise<HealthReport> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        return await this.health();
      } catch (error) {
        last = error;
        await new Promise((r) => setTimeout(r, options.intervalMs ?? 500));
      }
    }
    const hint = options.hint ? ` (${options.hint})` : '';
    throw new LocalCloudUnavailableError(`the local cloud did not answer at ${this.baseUrl}/health within ${Math.round(timeoutMs / 1000)} s${hint}`, { cause: last });
  }

  /** Waits until the broker has handed everything on and the stream is empty (bounded); returns the last report. */
  async waitUntilDrained(expectedMessages: number, timeoutMs: number): Promise<PipelineReport> {
    const deadline = Date.now() + timeoutMs;
    let p = await this.pipeline();
    while (Date.now() < deadline) {
      if (p.messagesReceived >= expectedMessages && (p.stream?.pending ?? 0) === 0 && p.directWritesInFlight === 0) return p;
      await new Promise((r) => setTimeout(r, 200));
      p = await this.pipeline();
    }
    return p;
  }

  private async get<R extends LocalCloudRoute>(route: R): Promise<LocalCloudRoutes[R]> {
    let response: Response;
    try {
      response = await fetch(this.baseUrl + route, { signal: AbortSignal.timeout(this.requestTimeoutMs) });
    } catch (cause) {
      throw new LocalCloudUnavailableError(`${this.baseUrl}${route} did not answer: ${(cause as Error).message}`, { cause });
    }
    if (!response.ok) throw new LocalCloudUnavailableError(`${this.baseUrl}${route} answered ${response.status}`);
    return (await response.json()) as LocalCloudRoutes[R];
  }
}
