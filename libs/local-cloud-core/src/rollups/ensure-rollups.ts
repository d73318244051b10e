import {
  CreateScheduledQueryCommand,
  DeleteScheduledQueryCommand,
  DescribeScheduledQueryCommand,
  QueryCommand,
  type TimestreamQueryClient,
} from '@aws-sdk/client-timestream-query';
import { CreateTableCommand, DescribeTableCommand, WriteRecordsCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import {
  DEFAULT_CATALOGUE,
  DIMENSION_NAMES,
  LOCAL_ENVIRONMENT,
  LOCAL_REJECTED_DATA_BUCKET,
  PUT_ASIDE_RECORDS,
  localRollupDeployment,
  rollupList,
  rollupScheduledQueries,
  rollupScheduledQueryInput,
  rollupSettings,
  rollupTableInput,
  rollupSeedRecord,
  schemaSeedRecord,
  sqlTable,
  timestreamSettings,
} from '@iot-timeseries/schema';
import { scheduledQueriesByName } from '@iot-timeseries/queries';
import { exists, ignoreConflict } from '../timestream/ensure-table';
import { definitionChanges } from './definition-diff';

export interface RollupClients {
  write: Pick<TimestreamWriteClient, 'send'>;
  query: Pick<TimestreamQueryClient, 'send'>;
}

/** A rollup's scheduled query as the local cloud keeps it. */
export interface LocalScheduledQuery {
  name: string;
  arn: string;
  rollupId: string;
  /** database.table it writes to */
  target: string;
}

export interface EnsuredRollups {
  topicArn: string;
  queries: LocalScheduledQuery[];
  /** What was done, one line each (tables created, seed written, queries created or replaced). */
  actions: string[];
}

/** The columns the rollups' queries read from the readings' table. */
export function columnsRollupsRead(): string[] {
  return [...DIMENSION_NAMES, ...Object.keys(DEFAULT_CATALOGUE), PUT_ASIDE_RECORDS.invalidColumn, PUT_ASIDE_RECORDS.rejectedColumn];
}

async function tableColumns(query: RollupClients['query'], tableName: string = timestreamSettings.tableName): Promise<Set<string>> {
  const described = await query.send(new QueryCommand({ QueryString: `DESCRIBE ${sqlTable(timestreamSettings.databaseName, tableName)}` }));
  return new Set((described.Rows ?? []).map((row) => row.Data?.[0]?.ScalarValue ?? ''));
}

/**
 * The rollups of libs/schema in the local server, as infra's stacks deploy them: the rollup tables, the schema
 * seed record when the readings' table lacks a column the rollups read (a fresh table: a scheduled query over
 * a missing column cannot be created), and every rollup's scheduled query under the local environment's names.
 * Idempotent: what exists and matches the settings is kept; a scheduled query whose query, schedule, target
 * or error reports differ from the settings is deleted and created again (UpdateScheduledQuery only changes
 * the state). A DISABLED one stays disabled (the server disables a query whose table or column went away).
 */
export async function ensureRollups(clients: RollupClients, options: { region: string; accountId: string; now?: () => number }): Promise<EnsuredRollups> {
  const actions: string[] = [];
  const now = options.now ?? Date.now;
  for (const rollup of rollupList()) {
    const input = rollupTableInput(rollup, { rejectedDataBucket: LOCAL_REJECTED_DATA_BUCKET });
    if (await exists(() => clients.write.send(new DescribeTableCommand({ DatabaseName: input.DatabaseName, TableName: input.TableName })))) continue;
    await ignoreConflict(() => clients.write.send(new CreateTableCommand(input)));
    actions.push(`created table ${input.DatabaseName}.${input.TableName}`);
  }

  const present = await tableColumns(clients.query);
  const missing = columnsRollupsRead().filter((c) => !present.has(c));
  if (missing.length > 0) {
    const seed = schemaSeedRecord(now());
    await clients.write.send(new WriteRecordsCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, Records: [seed] }));
    actions.push(`wrote the schema seed record (${seed.MeasureName}) for the columns the rollups read: ${missing.join(', ')}`);
  }

  // a rollup table without its first run has no columns, and the readers of long ranges would fail on it
  for (const rollup of rollupList()) {
    const seed = rollupSeedRecord(rollup, now());
    const columns = await tableColumns(clients.query, rollup.table.tableName);
    if ((seed.MeasureValues ?? []).every((v) => v.Name && columns.has(v.Name))) continue;
    await clients.write.send(new WriteRecordsCommand({ DatabaseName: rollupSettings.databaseName, TableName: rollup.table.tableName, Records: [seed] }));
    actions.push(`wrote the schema seed record (${seed.MeasureName}) into ${rollupSettings.databaseName}.${rollup.table.tableName}, so it can be read before its first run`);
  }

  const deployment = localRollupDeployment(options.region, options.accountId);
  const existing = await scheduledQueriesByName(clients.query);
  const queries: LocalScheduledQuery[] = [];
  for (const definition of rollupScheduledQueries({ environment: LOCAL_ENVIRONMENT })) {
    const input = rollupScheduledQueryInput(definition, deployment);
    let arn = existing.get(definition.name);
    if (arn) {
      const described = (await clients.query.send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: arn }))).ScheduledQuery;
      const changes = described ? definitionChanges(described, input) : ['missing'];
      if (changes.length > 0) {
        await clients.query.send(new DeleteScheduledQueryCommand({ ScheduledQueryArn: arn }));
        arn = undefined;
        actions.push(`replacing scheduled query ${definition.name}: its ${changes.join(', ')} changed`);
      } else if (described?.State === 'DISABLED') {
        actions.push(`scheduled query ${definition.name} is DISABLED (enable it with UpdateScheduledQuery)`);
      }
    }
    if (!arn) {
      arn = (await clients.query.send(new CreateScheduledQueryCommand(input))).Arn as string;
      actions.push(`created scheduled query ${definition.name} (${definition.scheduleExpression})`);
    }
    queries.push({ name: definition.name, arn, rollupId: definition.rollup.id, target: `${rollupSettings.databaseName}.${definition.rollup.table.tableName}` });
  }
  return { topicArn: deployment.topicArn, queries, actions };
}
