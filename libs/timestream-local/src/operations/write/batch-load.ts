import { unsupported } from '../shared/unsupported';

const WHAT = 'batch load tasks (bulk ingestion of CSV files from S3)';

export const batchLoadOperations = {
  CreateBatchLoadTask: unsupported('CreateBatchLoadTask', WHAT),
  DescribeBatchLoadTask: unsupported('DescribeBatchLoadTask', WHAT),
  ListBatchLoadTasks: unsupported('ListBatchLoadTasks', WHAT),
  ResumeBatchLoadTask: unsupported('ResumeBatchLoadTask', WHAT),
};
