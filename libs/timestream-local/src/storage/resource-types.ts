import type { ScalarType } from './catalog-types';

/** Control-plane records kept by storage (times in epoch milliseconds). */
export interface DatabaseRecord {
  name: string;
  arn: string;
  kmsKeyId: string;
  creationTime: number;
  lastUpdatedTime: number;
}

export interface S3Location {
  BucketName?: string;
  ObjectKeyPrefix?: string;
  EncryptionOption?: string;
  KmsKeyId?: string;
}

export interface TableSettings {
  memoryStoreRetentionHours: number;
  magneticStoreRetentionDays: number;
  enableMagneticStoreWrites: boolean;
  rejectedDataLocation?: S3Location;
  /** CompositePartitionKey as given (kept and returned, not enforced beyond validation) */
  compositePartitionKey?: Array<{ Type: string; Name?: string; EnforcementInRecord?: string }>;
}

export interface TableRecord {
  databaseName: string;
  name: string;
  arn: string;
  creationTime: number;
  lastUpdatedTime: number;
  settings: TableSettings;
}

export interface Tag {
  Key: string;
  Value: string;
}

/** A DOUBLE's value is the number (never -0); the other types' is canonical text (TIMESTAMP: nanoseconds since the epoch). */
export type StoredValue = string | number;

/** The stored form of a DOUBLE: -0 becomes 0 (its text "0" always did), so equal values hash alike. */
export const storedDouble = (n: number): number => (n === 0 ? 0 : n);

export interface MeasureValueEntry {
  name: string;
  type: ScalarType;
  value: StoredValue;
}

/** A validated record ready to store: one row of the table. */
export interface NormalizedRecord {
  /** index of the record in the WriteRecords request */
  index: number;
  dimensions: Array<{ name: string; value: string }>;
  measureName: string;
  /** 'MULTI' or the scalar type of a single-measure record */
  kind: ScalarType | 'MULTI';
  /** single: one entry named by the measure; MULTI: one per measure value. */
  values: MeasureValueEntry[];
  timeNs: bigint;
  /** the time in whole milliseconds, and the nanoseconds past it (0..999,999) */
  timeMs: number;
  nsOfMs: number;
  version: number;
}

export type WriteOutcome =
  | { index: number; status: 'MEMORY' | 'MAGNETIC' }
  | { index: number; status: 'REJECTED'; reason: string; existingVersion?: number };

export interface WriteOptions {
  now: Date;
  requestId: string;
}
