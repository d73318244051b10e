import { WriteRecordsCommand, type RejectedRecord, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import type { WriteRequestPlan } from '@iot-timeseries/schema';
import { classifyRejectedReason, classifyRequestError, describeError, errorName } from './classify-write-failure';
import { runWithConcurrency } from './run-with-concurrency';

/** Anything that sends WriteRecords commands: a TimestreamWriteClient, or a test double. */
export type WriteClient = Pick<TimestreamWriteClient, 'send'>;

/** A reading a WriteRecords call did not store, and why. */
export interface WriteFailure {
  /** Index into the readings the plans were made from. */
  readonly reading: number;
  readonly reason: string;
  /** The version Timestream holds, when it said so (version conflicts). */
  readonly existingVersion?: number;
  /** `record`: Timestream refused this record (RejectedRecords); `request`: the whole call failed. */
  readonly scope: 'record' | 'request';
}

/** What one pass of WriteRecords calls did with every reading of its plans. */
export interface SendOutcome {
  readonly written: number[];
  /** Refused for good: re-sending cannot help. */
  readonly permanent: WriteFailure[];
  /** Not written for a transient reason: may be sent again. */
  readonly transient: WriteFailure[];
}

/** Sends the planned requests, `concurrency` at a time, and sorts each reading by outcome. Never throws. */
export async function sendWriteRequests(client: WriteClient, plans: readonly WriteRequestPlan[], concurrency: number): Promise<SendOutcome> {
  const outcome: SendOutcome = { written: [], permanent: [], transient: [] };
  await runWithConcurrency(plans, concurrency, async (plan) => {
    try {
      await client.send(new WriteRecordsCommand(plan.input));
      outcome.written.push(...plan.readingIndexes);
    } catch (error) {
      sortFailure(error, plan, outcome);
    }
  });
  return outcome;
}

function sortFailure(error: unknown, plan: WriteRequestPlan, outcome: SendOutcome): void {
  const rejectedRecords = (error as { RejectedRecords?: unknown } | null)?.RejectedRecords;
  if (errorName(error) === 'RejectedRecordsException' && Array.isArray(rejectedRecords)) {
    const refused = new Map<number, RejectedRecord>();
    for (const r of rejectedRecords as RejectedRecord[]) if (typeof r.RecordIndex === 'number') refused.set(r.RecordIndex, r);
    plan.readingIndexes.forEach((reading, recordIndex) => {
      const r = refused.get(recordIndex);
      if (!r) return void outcome.written.push(reading);
      const reason = r.Reason ?? 'Timestream rejected the record without a reason';
      const failure: WriteFailure = { reading, reason, scope: 'record', ...(r.ExistingVersion !== undefined ? { existingVersion: Number(r.ExistingVersion) } : {}) };
      (classifyRejectedReason(reason) === 'permanent' ? outcome.permanent : outcome.transient).push(failure);
    });
    return;
  }
  const reason = `WriteRecords failed: ${describeError(error)}`;
  const target = classifyRequestError(error) === 'permanent' ? outcome.permanent : outcome.transient;
  for (const reading of plan.readingIndexes) target.push({ reading, reason, scope: 'request' });
}
