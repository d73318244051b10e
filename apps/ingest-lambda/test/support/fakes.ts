import { Logger } from '@aws-lambda-powertools/logger';
import type { _Record, WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
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

/** The records of a request with CommonAttributes merged in, the way Timestream reads them. */
export function effectiveRecords(input: WriteRecordsCommandInput): _Record[] {
  const common = input.CommonAttributes ?? {};
  return (input.Records ?? []).map((r) => ({
    ...common,
    ...r,
    Dimensions: [...(common.Dimensions ?? []), ...(r.Dimensions ?? [])],
  }));
}

export function dimension(record: _Record, name: string): string | undefined {
  return record.Dimensions?.find((d) => d.Name === name)?.Value;
}

/** device_id and time in ms of a merged record: identifies a reading. */
export function readingKey(record: _Record): string {
  const unit = record.TimeUnit ?? 'MILLISECONDS';
  const factor = unit === 'SECONDS' ? 1000 : unit === 'MICROSECONDS' ? 1e-3 : unit === 'NANOSECONDS' ? 1e-6 : 1;
  return `${dimension(record, 'device_id')}@${Math.round(Number(record.Time) * factor)}`;
}
