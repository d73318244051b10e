import { isUtf8 } from 'node:buffer';

/** Where in the local cloud something was put aside. */
export type DeadLetterStage = 'rule' | 'stream' | 'timestream-action';

/** Why, in one word: the rule could not read it, the stream refused or expired it, retries ran out, it was invalid, Timestream refused it. */
export type LocalDeadLetterKind = 'rule-error' | 'stream-full' | 'stream-expired' | 'retries-exhausted' | 'invalid-message' | 'rejected-record' | 'write-failed';

/** The original bytes: UTF-8 text as it is, anything else in base64. */
export interface StoredPayload {
  encoding: 'utf8' | 'base64';
  data: string;
  bytes: number;
  /** Set when only the first MAX_STORED_PAYLOAD_BYTES were kept. */
  truncated?: true;
}

/** Where a message came from. */
export interface DeadLetterOrigin {
  topic?: string;
  clientId?: string;
  /** When the broker received it (ISO 8601). */
  receivedAt?: string;
  qos?: number;
  /** Whether the device got its PUBACK (false: it may send the message again). */
  acknowledged?: boolean;
  shardId?: string;
  sequenceNumber?: string;
  partitionKey?: string;
}

/**
 * One entry the local cloud put aside, as a JSON line in the dead-letter directory. It shares the
 * Lambda's fields (`v`, `kind`, `at`, `reason`, `deviceId`, `message`), so one reader reads both.
 */
export interface LocalDeadLetter {
  v: 1;
  kind: LocalDeadLetterKind;
  stage: DeadLetterStage;
  at: string;
  reason: string;
  deviceId?: string;
  origin: DeadLetterOrigin;
  payload: StoredPayload;
  /** The message as the rule selected it (JSON), when there is one. */
  message?: unknown;
  /** The id (`file#line`) of the dead letter whose replay this is. */
  replayOf?: string;
}

export const MAX_STORED_PAYLOAD_BYTES = 1024 * 1024;

export function storedPayload(bytes: Buffer): StoredPayload {
  const kept = bytes.length > MAX_STORED_PAYLOAD_BYTES ? bytes.subarray(0, MAX_STORED_PAYLOAD_BYTES) : bytes;
  const text = isUtf8(kept);
  return {
    encoding: text ? 'utf8' : 'base64',
    data: kept.toString(text ? 'utf8' : 'base64'),
    bytes: bytes.length,
    ...(kept.length < bytes.length ? { truncated: true as const } : {}),
  };
}

export function payloadBytes(payload: StoredPayload): Buffer {
  return Buffer.from(payload.data, payload.encoding);
}
