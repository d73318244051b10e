import { ValidationException } from '../errors';
import { planQuery, type PlannedQuery } from '../query/engine';
import { QueryValidationError } from '../query/errors';
import type { TimestreamStorage } from '../storage/timestream-storage';
import type { ScheduledQuerySpec } from './definition';
import { mappingColumnProblems } from './mapping-columns';

/**
 * What CreateScheduledQuery checks against the catalog, as the service does: the target table exists, the query
 * is valid now (so a query naming columns nothing was written to yet is refused: `line 4:11: Column 'x' does not
 * exist`), and its result columns fit the target mapping.
 */
export async function validateAgainstCatalog(spec: ScheduledQuerySpec, storage: TimestreamStorage, now: Date): Promise<void> {
  const target = spec.target;
  if (target) {
    const db = target.DatabaseName as string;
    if (!storage.getDatabase(db)) throw new ValidationException(`The target database ${db} does not exist.`);
    if (!storage.getTableRecord(db, target.TableName as string)) throw new ValidationException(`The target table ${db}.${target.TableName} does not exist.`);
  }
  let planned: PlannedQuery;
  try {
    planned = await planQuery(spec.queryString, { storage, now });
  } catch (error) {
    if (error instanceof QueryValidationError) throw new ValidationException(error.message, { cause: error });
    throw error;
  }
  if (planned.metadata) throw new ValidationException('A scheduled query must be a SELECT query; SHOW and DESCRIBE statements cannot be scheduled.');
  const problems = target ? mappingColumnProblems(target, planned.columns) : [];
  if (problems.length > 0) throw new ValidationException(`The query result does not fit TargetConfiguration.TimestreamConfiguration: ${problems.join('; ')}.`);
}
