import { queryOperations } from './query/index';
import type { OperationHandler } from './shared/context';
import { describeEndpoints } from './shared/describe-endpoints';
import { listTagsForResource } from './shared/list-tags-for-resource';
import { tagResource } from './shared/tag-resource';
import { unsupported } from './shared/unsupported';
import { untagResource } from './shared/untag-resource';
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

/** The write service without its batch-load operations (those need the server's tasks: see
 *  createBatchLoadOperations, which buildServer adds). */
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
};

const ACCOUNT_SETTINGS = 'account settings';

/** The query service without its scheduled-query operations (those need the server's scheduler: see
 *  createScheduledQueryOperations, which buildServer adds). */
export const queryServiceOperations: Record<string, OperationHandler> = {
  ...sharedOperations,
  DescribeAccountSettings: unsupported('DescribeAccountSettings', ACCOUNT_SETTINGS),
  UpdateAccountSettings: unsupported('UpdateAccountSettings', ACCOUNT_SETTINGS),
  ...(queryOperations as Record<string, OperationHandler>),
};
