import { InternalServerException, ServiceError, ValidationException } from '../../errors';
import { QueryCancelledError, QueryExecutionError, QueryValidationError } from '../../query/errors';

/** Maps query-engine errors onto the service's wire errors; nothing else (DuckDB texts included) reaches a client. */
export function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  if (error instanceof QueryValidationError) return new ValidationException(error.message, { cause: error });
  if (error instanceof QueryCancelledError) return new ValidationException(error.message, { cause: error });
  if (error instanceof QueryExecutionError) {
    return new ServiceError('QueryExecutionException', 400, `Timestream was unable to run the query successfully. ${error.message}`, {}, { cause: error });
  }
  return new InternalServerException(undefined, { cause: error });
}

export async function mapQueryErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toServiceError(error);
  }
}
