import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DescribeTableCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { mustTerraform, terraform } from './terraform';

interface SynthesizedStack {
  resource?: Record<string, Record<string, { database_name?: string; table_name?: string }>>;
}

/**
 * The local cloud creates the Timestream database and table when it starts. Before the local stack
 * is deployed against a server that already has them, they are imported into the stack's state, so
 * Terraform takes them over (and corrects their settings) instead of failing with a conflict.
 * Returns the addresses imported.
 */
export async function adoptLocalTables(stackDir: string, client: Pick<TimestreamWriteClient, 'send'>, env: NodeJS.ProcessEnv): Promise<string[]> {
  const inState = new Set(terraform(['state', 'list', '-no-color'], stackDir, env).stdout.split('\n').filter(Boolean));
  const synthesized = JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as SynthesizedStack;
  const [dbId, db] = Object.entries(synthesized.resource?.aws_timestreamwrite_database ?? {})[0] ?? [];
  const [tableId, table] = Object.entries(synthesized.resource?.aws_timestreamwrite_table ?? {})[0] ?? [];
  if (!dbId || !db?.database_name || !tableId || !table?.table_name) return [];
  const tableExists = await client.send(new DescribeTableCommand({ DatabaseName: db.database_name, TableName: table.table_name })).then(
    () => true,
    (error: { name?: string }) => {
      if (error.name === 'ResourceNotFoundException') return false;
      throw error;
    },
  );
  if (!tableExists) return [];
  const imported: string[] = [];
  for (const [address, id] of [
    [`aws_timestreamwrite_database.${dbId}`, db.database_name],
    [`aws_timestreamwrite_table.${tableId}`, `${table.table_name}:${db.database_name}`],
  ]) {
    if (inState.has(address)) continue;
    mustTerraform(['import', '-input=false', '-no-color', address, id], stackDir, env);
    imported.push(address);
  }
  return imported;
}
