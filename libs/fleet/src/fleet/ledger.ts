import type { Outgoing } from './device-simulator';

export interface LedgerSummary {
  messagesSent: number;
  readings: number;
  duplicates: number;
  late: number;
  invalid: number;
  anomalies: number;
  failedSends: number;
  byDevice: Record<string, number>;
}

/** What the fleet sent, kept so a run can be checked against what the pipeline stored. */
export class Ledger {
  readonly sent: Outgoing[] = [];
  readonly summary: LedgerSummary = { messagesSent: 0, readings: 0, duplicates: 0, late: 0, invalid: 0, anomalies: 0, failedSends: 0, byDevice: {} };

  constructor(private readonly keepMessages: boolean) {}

  record(outgoing: Outgoing, delivered: boolean): void {
    const s = this.summary;
    if (!delivered) {
      s.failedSends++;
      return;
    }
    if (this.keepMessages) this.sent.push(outgoing);
    s.messagesSent++;
    s.byDevice[outgoing.deviceId] = (s.byDevice[outgoing.deviceId] ?? 0) + 1;
    if (outgoing.kind === 'duplicate') s.duplicates++;
    else if (outgoing.kind === 'invalid') s.invalid++;
    else {
      s.readings++;
      if (outgoing.kind === 'late') s.late++;
      if (outgoing.anomaly) s.anomalies++;
    }
  }

  anomalies(): Array<{ deviceId: string; time: number; measure: string; value: number }> {
    return this.sent.flatMap((o) => (o.anomaly && o.kind !== 'duplicate' ? [{ deviceId: o.deviceId, time: o.readingTime, measure: o.anomaly.measure, value: o.anomaly.value }] : []));
  }
}
