import { queryOperations } from './query/index';
import type { OperationHandler } from './shared/context';
import { describeEndpoints } from './shared/describe-endpoints';
import { listTagsForResource } from './shared/list-tags-for-resource';
import { tagResource } from './shared/tag-resource';
import { unsupported } from './shared/unsupported';
import { untagResource } from './shared/untag-resource';
import { batchLoadOperations } from './write/batch-load';
import { createDatabase } from './write/create-database';
import { createTable } from './write/create-table';
import { deleteDatabase } from './write/delete-database';
import { deleteTable } from './write/delete-table';
import { describeDatabase } from './write/describe-database';
import { describeTable } from './write/describe-table';
import { listDatabases } from './write/list-databases';
import { listTables } from './write/list-tables';
import { updateDatabase } from './write/update-database';
import { updateTable } from './write/update-table';
import { writeRecords } from './write/write-records';

export type { OperationContext, OperationHandler } from './shared/context';

/** Operations both services have; the protocol layer routes them to either map. */
export const sharedOperations: Record<string, OperationHandler> = {
  DescribeEndpoints: describeEndpoints,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

export const writeServiceOperations: Record<string, OperationHandler> = {
  ...sharedOperations,
  CreateDatabase: createDatabase,
  DescribeDatabase: describeDatabase,
  ListDatabases: listDatabases,
  UpdateDatabase: updateDatabase,
  DeleteDatabase: deleteDatabase,
  CreateTable: createTable,
  DescribeTable: describeTable,
  ListTables: listTables,
  UpdateTable: updateTable,
  DeleteTable: deleteTable,
  WriteRecords: writeRecords,
  ...batchLoadOperations,
};

const SCHEDULED = 'scheduled queries and account settings';

export const queryServiceOperations: Record<string, OperationHandler> = {
  ...sharedOperations,
  CreateScheduledQuery: unsupported('CreateScheduledQuery', SCHEDULED),
  DeleteScheduledQuery: unsupported('DeleteScheduledQuery', SCHEDULED),
  DescribeScheduledQuery: unsupported('DescribeScheduledQuery', SCHEDULED),
  ExecuteScheduledQuery: unsupported('ExecuteScheduledQuery', SCHEDULED),
  ListScheduledQueries: unsupported('ListScheduledQueries', SCHEDULED),
  UpdateScheduledQuery: unsupported('UpdateScheduledQuery', SCHEDULED),
  DescribeAccountSettings: unsupported('DescribeAccountSettings', SCHEDULED),
  UpdateAccountSettings: unsupported('UpdateAccountSettings', SCHEDULED),
  ...(queryOperations as Record<string, OperationHandler>),
};
