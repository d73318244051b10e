import type { _Record, Dimension, MeasureValue } from '@aws-sdk/client-timestream-write';
import { DEFAULT_CATALOGUE, type MeasureCatalogue } from '../measures';
import { dimensionValueProblem } from '../validation/dimension-values';

/**
 * Readings put aside (invalid messages, records Timestream refused for good) never reach the table, so the
 * ingest function writes one small marker record per reading it puts aside, under its own measure name: the
 * data-quality rollup counts them per device and hour. The dead letters stay the record of *what* was put
 * aside and why; the markers only count it.
 */
export const PUT_ASIDE_RECORDS = {
  measureName: 'put_aside',
  /** 1 on the marker of a message that failed validation. */
  invalidColumn: 'put_aside_invalid',
  /** 1 on the marker of a reading Timestream refused for good. */
  rejectedColumn: 'put_aside_rejected',
} as const;

export type PutAsideKind = 'invalid' | 'rejected';

export interface PutAsideMark {
  /** The device the message claims to be from (a marker needs one: messages without a usable id are only dead letters). */
  deviceId: string;
  location?: string;
  kind: PutAsideKind;
  /** When the message was received (epoch ms): stable across redeliveries, within the memory store. */
  receivedAtMs: number;
  /** What identifies the put-aside entry (event source, item, index): the same entry gets the same marker time. */
  identity: string;
}

/** FNV-1a (32 bit) of a text: a stable sub-millisecond offset for a marker's time. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * One marker record, or undefined when the device id cannot be a dimension value. Its time is the receive
 * time plus a sub-millisecond offset from the entry's identity, so a redelivered entry re-writes the same
 * record (an identical upsert) while two entries of one device in the same millisecond stay two records.
 */
export function putAsideRecord(mark: PutAsideMark): _Record | undefined {
  if (dimensionValueProblem('device_id', mark.deviceId)) return undefined;
  const dimensions: Dimension[] = [{ Name: 'device_id', Value: mark.deviceId, DimensionValueType: 'VARCHAR' }];
  if (mark.location !== undefined && !dimensionValueProblem('location', mark.location)) dimensions.push({ Name: 'location', Value: mark.location, DimensionValueType: 'VARCHAR' });
  const nanoseconds = BigInt(Math.trunc(mark.receivedAtMs)) * 1_000_000n + BigInt(fnv1a(mark.identity) % 1_000_000);
  return {
    Dimensions: dimensions,
    MeasureName: PUT_ASIDE_RECORDS.measureName,
    MeasureValueType: 'MULTI',
    MeasureValues: [
      { Name: PUT_ASIDE_RECORDS.invalidColumn, Value: mark.kind === 'invalid' ? '1' : '0', Type: 'BIGINT' },
      { Name: PUT_ASIDE_RECORDS.rejectedColumn, Value: mark.kind === 'rejected' ? '1' : '0', Type: 'BIGINT' },
    ],
    Time: nanoseconds.toString(),
    TimeUnit: 'NANOSECONDS',
    Version: 1,
  };
}

/**
 * A scheduled query can only be created once the columns it reads exist (Timestream answers
 * "Column … does not exist" on a fresh table). Deployments therefore write one seed record first: every
 * catalogue measure and the put-aside columns, under a measure name no analytic reads, from a device no
 * analytic lists.
 */
export const SCHEMA_SEED = {
  measureName: 'schema_seed',
  deviceId: 'schema-seed',
  location: 'schema-seed',
} as const;

/** The event that asks the ingest function to write the seed record (infra's `aws_lambda_invocation`). */
export const SCHEMA_SEED_EVENT = { action: 'seed-schema' } as const;

export function isSchemaSeedEvent(event: unknown): boolean {
  return event !== null && typeof event === 'object' && !Array.isArray(event) && (event as { action?: unknown }).action === SCHEMA_SEED_EVENT.action && Object.keys(event).length === 1;
}

/** A record of the seed device under the seed measure name at `timeMs`, with these values (the schema seeds of the tables). */
export function seedRecord(measureValues: MeasureValue[], timeMs: number): _Record {
  return {
    Dimensions: [
      { Name: 'device_id', Value: SCHEMA_SEED.deviceId, DimensionValueType: 'VARCHAR' },
      { Name: 'location', Value: SCHEMA_SEED.location, DimensionValueType: 'VARCHAR' },
    ],
    MeasureName: SCHEMA_SEED.measureName,
    MeasureValueType: 'MULTI',
    MeasureValues: measureValues,
    Time: String(Math.trunc(timeMs)),
    TimeUnit: 'MILLISECONDS',
    Version: 1,
  };
}

/** The seed record at `timeMs`: value 0 for every measure of the catalogue (typed as the readings are) and both put-aside columns. */
export function schemaSeedRecord(timeMs: number, catalogue: MeasureCatalogue = DEFAULT_CATALOGUE): _Record {
  return seedRecord(
    [
      ...Object.values(catalogue).map((m) => ({ Name: m.name, Value: '0', Type: m.valueType })),
      { Name: PUT_ASIDE_RECORDS.invalidColumn, Value: '0', Type: 'BIGINT' },
      { Name: PUT_ASIDE_RECORDS.rejectedColumn, Value: '0', Type: 'BIGINT' },
    ],
    timeMs,
  );
}
