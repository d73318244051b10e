import type { BatchLoadTask, BatchLoadTaskDescription } from '@aws-sdk/client-timestream-write';
import type { BatchLoadService } from '../../batch-load/batch-load-service';
import type { BatchLoadTaskRecord } from '../../batch-load/task';

/** DescribeBatchLoadTask's description: the request as given, the status and the progress so far. */
export function toDescription(task: BatchLoadTaskRecord, service: BatchLoadService): BatchLoadTaskDescription {
  return {
    TaskId: task.taskId,
    ...(task.errorMessage ? { ErrorMessage: task.errorMessage.slice(0, 2048) } : {}),
    DataSourceConfiguration: task.request.DataSourceConfiguration,
    ProgressReport: service.progressOf(task),
    ReportConfiguration: task.request.ReportConfiguration,
    DataModelConfiguration: task.request.DataModelConfiguration,
    TargetDatabaseName: task.request.TargetDatabaseName,
    TargetTableName: task.request.TargetTableName,
    TaskStatus: task.status,
    RecordVersion: task.request.RecordVersion ?? 1,
    CreationTime: new Date(task.creationTime),
    LastUpdatedTime: new Date(task.lastUpdatedTime),
  };
}

/** ListBatchLoadTasks' entry. */
export function toListEntry(task: BatchLoadTaskRecord): BatchLoadTask {
  return {
    TaskId: task.taskId,
    TaskStatus: task.status,
    DatabaseName: task.request.TargetDatabaseName,
    TableName: task.request.TargetTableName,
    CreationTime: new Date(task.creationTime),
    LastUpdatedTime: new Date(task.lastUpdatedTime),
  };
}
