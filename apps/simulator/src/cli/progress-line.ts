import type { FleetStats } from '@iot-timeseries/fleet';

export function formatProgress(stats: FleetStats, roundsInfo?: string): string {
  const t = Math.floor(stats.elapsedMs / 1000);
  const clock = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
  const parts = [
    `[${clock}]`,
    `${stats.devices} devices${stats.silentDevices ? ` (${stats.silentDevices} silent)` : ''}`,
    `${stats.messagesSent.toLocaleString('en-GB')} sent`,
    `${stats.messagesPerSecond.toFixed(1)} msg/s`,
    `dup ${stats.duplicates}`,
    `late ${stats.late}`,
    `invalid ${stats.invalid}`,
    `anomalies ${stats.anomalies}`,
    `failed ${stats.failedSends}`,
  ];
  if (roundsInfo) parts.push(roundsInfo);
  if (stats.lastError && stats.failedSends > 0) parts.push(`last error: ${stats.lastError.slice(0, 60)}`);
  return parts.join(' · ');
}

/** Keeps one status line up to date on a terminal; prints a line every `everyMs` otherwise. */
export class ProgressLine {
  private timer?: NodeJS.Timeout;
  private lastPrinted = 0;

  constructor(
    private readonly read: () => string,
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly everyMs = 10_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.draw(false), this.out.isTTY ? 500 : 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.draw(true);
    if (this.out.isTTY) this.out.write('\n');
  }

  private draw(final: boolean): void {
    const line = this.read();
    if (this.out.isTTY) {
      const width = this.out.columns ?? 120;
      this.out.write(`\r\x1b[2K${line.slice(0, width - 1)}`);
    } else if (final || Date.now() - this.lastPrinted >= this.everyMs) {
      this.lastPrinted = Date.now();
      this.out.write(line + '\n');
    }
  }
}
