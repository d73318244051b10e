/**
 * Errors an operation may throw. The protocol layer encodes them as awsJson1_0 errors:
 * `x-amzn-ErrorType` header, `__type` and `Message` in the body, plus `fields` at the top level.
 */
export class ServiceError extends Error {
  /** wire name, e.g. `ValidationException` */
  readonly errorType: string;
  readonly httpStatus: number;
  /** extra top-level members of the error body, e.g. RejectedRecords */
  readonly fields: Record<string, unknown>;
  /** namespace used in `__type` */
  readonly namespace: string;

  constructor(errorType: string, httpStatus: number, message: string, fields: Record<string, unknown> = {}, options?: { cause?: unknown; namespace?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = errorType;
    this.errorType = errorType;
    this.httpStatus = httpStatus;
    this.fields = fields;
    this.namespace = options?.namespace ?? 'com.amazonaws.timestream.v20181101';
  }
}

export class ValidationException extends ServiceError {
  constructor(message: string, options?: { cause?: unknown; httpStatus?: number }) {
    super('ValidationException', options?.httpStatus ?? 400, message, {}, { cause: options?.cause, namespace: 'com.amazon.coral.validate' });
  }
}

export class ResourceNotFoundException extends ServiceError {
  /** `fields`: extra members of the error, e.g. the query service's ScheduledQueryArn */
  constructor(message: string, fields: Record<string, unknown> = {}) {
    super('ResourceNotFoundException', 404, message, fields);
  }
}

export class ConflictException extends ServiceError {
  constructor(message: string) {
    super('ConflictException', 409, message);
  }
}

export interface RejectedRecordInfo {
  RecordIndex: number;
  Reason: string;
  ExistingVersion?: number;
}

export class RejectedRecordsException extends ServiceError {
  readonly rejectedRecords: RejectedRecordInfo[];
  constructor(rejectedRecords: RejectedRecordInfo[]) {
    super('RejectedRecordsException', 419, 'One or more records have been rejected. See RejectedRecords for details.', { RejectedRecords: rejectedRecords });
    this.rejectedRecords = rejectedRecords;
  }
}

export class ThrottlingException extends ServiceError {
  constructor(message: string) {
    super('ThrottlingException', 429, message);
  }
}

export class ServiceQuotaExceededException extends ServiceError {
  constructor(message: string) {
    super('ServiceQuotaExceededException', 402, message);
  }
}

export class AccessDeniedException extends ServiceError {
  constructor(message: string) {
    super('AccessDeniedException', 403, message);
  }
}

export class InternalServerException extends ServiceError {
  constructor(message = 'The service failed to process the request.', options?: { cause?: unknown }) {
    super('InternalServerException', 500, message, {}, options);
  }
}

export class UnknownOperationException extends ServiceError {
  constructor(message: string) {
    super('UnknownOperationException', 404, message, {}, { namespace: 'com.amazon.coral.service' });
  }
}

export class UnrecognizedClientException extends ServiceError {
  constructor(message = 'The security token included in the request is invalid.') {
    super('UnrecognizedClientException', 403, message, {}, { namespace: 'com.amazon.coral.service' });
  }
}

export class InvalidSignatureException extends ServiceError {
  constructor(message: string) {
    super('InvalidSignatureException', 403, message, {}, { namespace: 'com.amazon.coral.service' });
  }
}

export class SerializationException extends ServiceError {
  constructor(message: string) {
    super('SerializationException', 400, message, {}, { namespace: 'com.amazon.coral.service' });
  }
}

export class RequestEntityTooLargeException extends ServiceError {
  constructor(limit: number) {
    super('RequestEntityTooLargeException', 413, `The request body exceeds the limit of ${limit} bytes.`, {}, { namespace: 'com.amazon.coral.service' });
  }
}

/** A storage failure (DuckDB or file system); its text never reaches a client. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** Writing or reading an object (a report, an UNLOAD result, a batch-load source) in the configured S3 or directory failed. */
export class ObjectStoreError extends Error {
  /** the bucket does not exist (S3's NoSuchBucket, or no such directory) */
  readonly missingBucket: boolean;

  constructor(message: string, options?: { cause?: unknown; missingBucket?: boolean }) {
    super(message, options);
    this.name = 'ObjectStoreError';
    this.missingBucket = options?.missingBucket ?? false;
  }
}

/** A batch-load task could not write to its target table (it no longer exists, or the storage failed after retries). */
export class BatchLoadWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BatchLoadWriteError';
  }
}
