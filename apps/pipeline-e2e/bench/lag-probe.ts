import type { ConsumerLag, LocalCloudClient } from '@iot-timeseries/local-cloud-client';

interface Peak {
  recordsBehind: number;
  bytesBehind: number;
  iteratorAgeMs: number;
}

/**
 * Polls the local cloud's /pipeline every `pollMs` while the fleet publishes and keeps, per consumer
 * of the stream (the ingest mapping, the window mapping), the most it was behind: a consumer that
 * lags no longer makes the stream refuse records, so this is where a lag shows.
 */
export class LagProbe {
  private readonly peaks = new Map<string, Peak>();
  private last: ConsumerLag[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly client: LocalCloudClient,
    private readonly pollMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.pollMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.poll();
  }

  describe(): string {
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    const parts = this.last.map((c) => {
      const peak = this.peaks.get(c.name);
      return `${c.name}: at most ${peak?.recordsBehind ?? 0} records (${mib(peak?.bytesBehind ?? 0)}) and ${((peak?.iteratorAgeMs ?? 0) / 1000).toFixed(1)} s behind, ${c.recordsExpired} expired, ${c.recordsTrimmed} trimmed; at the end ${c.recordsBehind} behind`;
    });
    return parts.length > 0 ? `stream consumers (polled every ${this.pollMs / 1000} s): ${parts.join('; ')}` : 'stream consumers: not reported';
  }

  private async poll(): Promise<void> {
    const consumers = (await this.client.pipeline().catch(() => undefined))?.stream?.consumers;
    if (!consumers) return;
    this.last = consumers;
    for (const c of consumers) {
      const peak = this.peaks.get(c.name) ?? { recordsBehind: 0, bytesBehind: 0, iteratorAgeMs: 0 };
      this.peaks.set(c.name, { recordsBehind: Math.max(peak.recordsBehind, c.recordsBehind), bytesBehind: Math.max(peak.bytesBehind, c.bytesBehind), iteratorAgeMs: Math.max(peak.iteratorAgeMs, c.iteratorAgeMs) });
    }
  }
}
