import type { ObjectStore } from '../objects/object-store';
import type { QueryStorage } from '../query/catalog';
import { planQuery, type PlannedQuery } from '../query/engine';
import { QueryValidationError } from '../query/errors';
import { newQueryId } from '../query/query-id';
import { runUnload, UNLOAD_COLUMNS } from './run-unload';
import { parseUnload } from './unload-statement';

export interface UnloadPlanOptions {
  storage: QueryStorage;
  /** where the result files go; UNLOAD is refused without it */
  objects?: ObjectStore;
  now: Date;
}

/** Plans an UNLOAD like a query: its SELECT is checked now, the export runs when the query runs. */
export async function planUnload(queryString: string, options: UnloadPlanOptions): Promise<PlannedQuery & { queryId: string }> {
  const statement = parseUnload(queryString);
  const objects = options.objects;
  if (!objects) throw new QueryValidationError('UNLOAD needs an S3 to write to: start timestream-local with --s3-endpoint (the local cloud passes its S3) or with a --data-dir.');
  const select = await planQuery(statement.select, { storage: options.storage, now: options.now });
  if (select.metadata || !select.source) throw new QueryValidationError('UNLOAD: the statement in parentheses must be a SELECT query.');
  const queryId = newQueryId();
  const columns = UNLOAD_COLUMNS.map((c) => ({ name: c.name, type: { ...c.type } }));
  return {
    queryId,
    statement: select.statement,
    columns,
    parameters: [],
    tablesRead: select.tablesRead,
    metadata: false,
    run: async (signal) => {
      const outcome = await runUnload({ statement, planned: select, storage: options.storage, objects, queryId, signal });
      return { columns, rows: [[String(outcome.rows), outcome.metadataFile, outcome.manifestFile]] };
    },
  };
}
