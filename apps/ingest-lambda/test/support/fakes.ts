import { Logger } from '@aws-lambda-powertools/logger';
import type { _Record } from '@aws-sdk/client-timestream-write';
import { dimensionOf, effectiveRecords } from '@iot-timeseries/timestream-writer/testing';
import type { DeadLetter, DeadLetterSink } from '../../src/dead-letter/dead-letter';
import type { IngestMetrics } from '../../src/observability/ingest-metrics';

export const silentLogger = () => new Logger({ serviceName: 'ingest-lambda-test', logLevel: 'SILENT' });

/** Keeps what was put aside; can be told to fail. */
export class MemoryDeadLetterSink implements DeadLetterSink {
  readonly letters: DeadLetter[] = [];
  failWith?: Error;
  async putAside(letters: readonly DeadLetter[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.letters.push(...letters);
  }
}

/** Sums metric values added per name; counts publications. */
export class RecordingMetrics implements IngestMetrics {
  readonly totals = new Map<string, number>();
  published = 0;
  addMetric(name: string, _unit: unknown, value: number): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + value);
  }
  publishStoredMetrics(): void {
    this.published++;
  }
  get(name: string): number {
    return this.totals.get(name) ?? 0;
  }
}

export { effectiveRecords, dimensionOf as dimension };

/** device_id and time in ms of a merged record: identifies a reading. */
export function readingKey(record: _Record): string {
  const unit = record.TimeUnit ?? 'MILLISECONDS';
  const factor = unit === 'SECONDS' ? 1000 : unit === 'MICROSECONDS' ? 1e-3 : unit === 'NANOSECONDS' ? 1e-6 : 1;
  return `${dimensionOf(record, 'device_id')}@${Math.round(Number(record.Time) * factor)}`;
}
