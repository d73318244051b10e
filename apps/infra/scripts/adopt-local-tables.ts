import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { DescribeDatabaseCommand, DescribeTableCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { scheduledQueriesByName } from '@iot-timeseries/queries';
import { mustTerraform, terraform } from './terraform';

interface SynthesizedStack {
  resource?: Record<string, Record<string, { database_name?: string; table_name?: string; name?: string }>>;
}

/** false on ResourceNotFoundException; anything else is thrown. */
const found = (call: Promise<unknown>): Promise<boolean> =>
  call.then(
    () => true,
    (error: { name?: string }) => {
      if (error.name === 'ResourceNotFoundException') return false;
      throw error;
    },
  );

/**
 * The local cloud creates the Timestream database and tables, and the rollups' scheduled queries, when it
 * starts. Before the local stack is deployed against a server that already has them, they are imported into
 * the stack's state, so Terraform takes them over (and corrects their settings) instead of failing with a
 * conflict. Returns the addresses imported.
 */
export async function adoptLocalTables(
  stackDir: string,
  clients: { write: Pick<TimestreamWriteClient, 'send'>; query: Pick<TimestreamQueryClient, 'send'> },
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  const inState = new Set(terraform(['state', 'list', '-no-color'], stackDir, env).stdout.split('\n').filter(Boolean));
  const synthesized = JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as SynthesizedStack;
  const candidates: Array<{ address: string; id: () => Promise<string | undefined> }> = [];
  for (const [id, db] of Object.entries(synthesized.resource?.aws_timestreamwrite_database ?? {})) {
    const name = db.database_name as string;
    candidates.push({ address: `aws_timestreamwrite_database.${id}`, id: async () => ((await found(clients.write.send(new DescribeDatabaseCommand({ DatabaseName: name })))) ? name : undefined) });
  }
  const database = Object.values(synthesized.resource?.aws_timestreamwrite_database ?? {})[0]?.database_name;
  for (const [id, table] of Object.entries(synthesized.resource?.aws_timestreamwrite_table ?? {})) {
    // a table's database is a reference in the synthesized JSON: the stack's one database
    const name = table.table_name as string;
    candidates.push({
      address: `aws_timestreamwrite_table.${id}`,
      id: async () => (database && (await found(clients.write.send(new DescribeTableCommand({ DatabaseName: database, TableName: name })))) ? `${name}:${database}` : undefined),
    });
  }
  const queries = Object.entries(synthesized.resource?.aws_timestreamquery_scheduled_query ?? {});
  const arns = queries.length > 0 ? await scheduledQueriesByName(clients.query) : new Map<string, string>();
  for (const [id, q] of queries) candidates.push({ address: `aws_timestreamquery_scheduled_query.${id}`, id: async () => arns.get(q.name as string) });

  const imported: string[] = [];
  for (const candidate of candidates) {
    if (inState.has(candidate.address)) continue;
    const importId = await candidate.id();
    if (!importId) continue;
    mustTerraform(['import', '-input=false', '-no-color', candidate.address, importId], stackDir, env);
    imported.push(candidate.address);
  }
  return imported;
}
