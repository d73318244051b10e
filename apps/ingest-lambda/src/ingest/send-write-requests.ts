import { WriteRecordsCommand, type RejectedRecord, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import type { WriteRequestPlan } from '@iot-timeseries/schema';
import { classifyRejectedReason, classifyRequestError, describeError } from './classify-write-failure';
import { runWithConcurrency } from './run-with-concurrency';

export interface RefusedReading {
  /** Index into the readings the plans were made from. */
  readonly reading: number;
  readonly reason: string;
  readonly existingVersion?: number;
}

/** What happened to every reading of a set of WriteRecords requests. */
export interface WriteOutcome {
  readonly written: number[];
  /** Refused for good: to be put aside. */
  readonly rejected: RefusedReading[];
  /** Not written for a transient reason: their batch items are retried. */
  readonly retry: RefusedReading[];
  readonly requests: number;
}

export type WriteClient = Pick<TimestreamWriteClient, 'send'>;

/** Sends the planned requests, `concurrency` at a time, and sorts each reading by outcome. Never throws. */
export async function sendWriteRequests(client: WriteClient, plans: readonly WriteRequestPlan[], concurrency: number): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { written: [], rejected: [], retry: [], requests: plans.length };
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

function sortFailure(error: unknown, plan: WriteRequestPlan, outcome: WriteOutcome): void {
  const rejectedRecords = (error as { name?: string; RejectedRecords?: RejectedRecord[] }).RejectedRecords;
  if ((error as { name?: string }).name === 'RejectedRecordsException' && Array.isArray(rejectedRecords)) {
    const refused = new Map<number, RejectedRecord>();
    for (const r of rejectedRecords) if (typeof r.RecordIndex === 'number') refused.set(r.RecordIndex, r);
    plan.readingIndexes.forEach((reading, recordIndex) => {
      const r = refused.get(recordIndex);
      if (!r) return void outcome.written.push(reading);
      const reason = r.Reason ?? 'Timestream rejected the record without a reason';
      const entry = { reading, reason, ...(r.ExistingVersion !== undefined ? { existingVersion: Number(r.ExistingVersion) } : {}) };
      (classifyRejectedReason(reason) === 'permanent' ? outcome.rejected : outcome.retry).push(entry);
    });
    return;
  }
  const reason = `WriteRecords failed: ${describeError(error)}`;
  const target = classifyRequestError(error) === 'permanent' ? outcome.rejected : outcome.retry;
  for (const reading of plan.readingIndexes) target.push({ reading, reason });
}
