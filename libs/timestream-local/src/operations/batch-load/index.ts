import type { BatchLoadStatus, DescribeBatchLoadTaskResponse, ListBatchLoadTasksResponse, ResumeBatchLoadTaskResponse } from '@aws-sdk/client-timestream-write';
import type { BatchLoadService } from '../../batch-load/batch-load-service';
import type { OperationHandler } from '../shared/context';
import { page } from '../shared/paging';
import { InputChecker } from '../shared/validate';
import { createBatchLoadTask } from './create-batch-load-task';
import { toDescription, toListEntry } from './descriptions';
import { checkTaskId } from './task-id-check';

const STATUSES = ['CREATED', 'IN_PROGRESS', 'FAILED', 'SUCCEEDED', 'PROGRESS_STOPPED', 'PENDING_RESUME'] as const;

/** The write service's batch-load operations over the server's tasks. */
export function createBatchLoadOperations(service: BatchLoadService): Record<string, OperationHandler> {
  return {
    CreateBatchLoadTask: createBatchLoadTask(service),
    DescribeBatchLoadTask: async (input: unknown): Promise<DescribeBatchLoadTaskResponse> => ({ BatchLoadTaskDescription: toDescription(service.get(checkTaskId(input)), service) }),
    /** oldest first, MaxResults 1..100, an optional TaskStatus filter */
    ListBatchLoadTasks: async (input: unknown): Promise<ListBatchLoadTasksResponse> => {
      const check = InputChecker.of(input);
      const maxResults = check.integer('MaxResults', { min: 1, max: 100 });
      const nextToken = check.string('NextToken');
      const status = check.enumValue<BatchLoadStatus>('TaskStatus', STATUSES);
      check.done();
      // the position key sorts as the list does (creation time, then TaskId), and stays valid as tasks are added
      const { items, nextToken: next } = page(service.list(status), (t) => `${String(t.creationTime).padStart(15, '0')}-${t.taskId}`, maxResults, nextToken);
      return { BatchLoadTasks: items.map(toListEntry), ...(next ? { NextToken: next } : {}) };
    },
    ResumeBatchLoadTask: async (input: unknown): Promise<ResumeBatchLoadTaskResponse> => {
      await service.resume(checkTaskId(input));
      return {};
    },
  };
}
