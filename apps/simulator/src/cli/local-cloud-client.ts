import { LocalCloudUnavailableError } from '../errors';

export interface LocalCloudPipeline {
  messagesReceived: number;
  messagesPerSecond: number;
  readingsWritten: number;
  messagesInvalid: number;
  recordsRejected: number;
  putAsideTotal: number;
  putAsideByReason: Record<string, number>;
  recentPutAside: Array<{ at: string; source: string; reason: string; deviceId?: string }>;
  lambdaInvocations: number;
  lambdaErrors: number;
  stream: { pending: number } | null;
  directWritesInFlight: number;
}

export interface LocalCloudAlarm {
  id: string;
  state: string;
  description: string;
  reason: string;
  since: string;
}

/** Talks to the local cloud's health server (GET /health, /pipeline, /alarms). */
export class LocalCloudClient {
  constructor(readonly baseUrl: string) {}

  async health(): Promise<Record<string, unknown>> {
    return this.get('/health');
  }

  async pipeline(): Promise<LocalCloudPipeline> {
    return this.get('/pipeline');
  }

  async alarms(): Promise<LocalCloudAlarm[]> {
    return (await this.get<{ alarms: LocalCloudAlarm[] }>('/alarms')).alarms;
  }

  /** Polls /health until it answers (bounded). */
  async waitUntilReady(timeoutMs: number, intervalMs = 500): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        return await this.health();
      } catch (error) {
        last = error;
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    }
    throw new LocalCloudUnavailableError(
      `the local cloud did not answer at ${this.baseUrl}/health within ${Math.round(timeoutMs / 1000)} s (start it with \`npx nx run local-cloud:serve\`, or pass --spawn-local-cloud)`,
      { cause: last },
    );
  }

  /** Waits until the broker has handed everything on and the stream is empty (bounded). */
  async waitUntilDrained(expectedMessages: number, timeoutMs: number): Promise<LocalCloudPipeline> {
    const deadline = Date.now() + timeoutMs;
    let p = await this.pipeline();
    while (Date.now() < deadline) {
      if (p.messagesReceived >= expectedMessages && (p.stream?.pending ?? 0) === 0 && p.directWritesInFlight === 0) return p;
      await new Promise((r) => setTimeout(r, 200));
      p = await this.pipeline();
    }
    return p;
  }

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(this.baseUrl + path, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new LocalCloudUnavailableError(`${this.baseUrl}${path} answered ${response.status}`);
    return (await response.json()) as T;
  }
}
