import { InternalServerException, ServiceError } from '../errors';

export interface EncodedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** awsJson1_0 error: `x-amzn-ErrorType` header, body with `__type`, `message`/`Message` and extra members. */
export function encodeError(error: unknown): EncodedError {
  const e = error instanceof ServiceError ? error : new InternalServerException();
  return {
    status: e.httpStatus,
    headers: { 'x-amzn-ErrorType': e.errorType },
    body: JSON.stringify({ __type: `${e.namespace}#${e.errorType}`, Message: e.message, message: e.message, ...e.fields }),
  };
}
