import { ValidationException } from '../../errors';
import type { OperationHandler } from './context';

/** An operation of the service model that timestream-local does not implement. */
export const unsupported =
  (operation: string, what: string): OperationHandler =>
  async () => {
    throw new ValidationException(`${operation} is not supported by timestream-local: ${what} are not available locally.`);
  };
