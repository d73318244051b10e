import type { BatchLoadProgressReport, BatchLoadStatus, DataModel, DataModelConfiguration, DataSourceConfiguration, ReportConfiguration } from '@aws-sdk/client-timestream-write';
import type { FileErrors } from './error-report';

/** What CreateBatchLoadTask asked for (without its ClientToken), as Describe answers it. */
export interface BatchLoadRequest {
  DataSourceConfiguration: DataSourceConfiguration;
  ReportConfiguration: ReportConfiguration;
  TargetDatabaseName: string;
  TargetTableName: string;
  DataModelConfiguration?: DataModelConfiguration;
  RecordVersion?: number;
}

export type Progress = Required<BatchLoadProgressReport>;

export const emptyProgress = (): Progress => ({ RecordsProcessed: 0, RecordsIngested: 0, ParseFailures: 0, RecordIngestionFailures: 0, FileFailures: 0, BytesMetered: 0 });

export function addProgress(a: Progress, b: Progress): Progress {
  return {
    RecordsProcessed: a.RecordsProcessed + b.RecordsProcessed,
    RecordsIngested: a.RecordsIngested + b.RecordsIngested,
    ParseFailures: a.ParseFailures + b.ParseFailures,
    RecordIngestionFailures: a.RecordIngestionFailures + b.RecordIngestionFailures,
    FileFailures: a.FileFailures + b.FileFailures,
    BytesMetered: a.BytesMetered + b.BytesMetered,
  };
}

/** A batch-load task as the metadata store keeps it (`batch-load-task/<TaskId>`). */
export interface BatchLoadTaskRecord {
  taskId: string;
  clientToken?: string;
  request: BatchLoadRequest;
  /** the data model, inline or as read from DataModelS3Configuration at Create */
  dataModel: DataModel;
  status: BatchLoadStatus;
  creationTime: number;
  lastUpdatedTime: number;
  errorMessage?: string;
  /** the progress of the files finished (a file being read when the task stopped is read again on resume) */
  progress: Progress;
  completedFiles: string[];
  fileErrors: FileErrors[];
  taskErrors: string[];
}
