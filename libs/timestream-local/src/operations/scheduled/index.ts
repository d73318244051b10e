import type { ScheduledQueryService } from '../../scheduled/scheduled-query-service';
import type { OperationHandler } from '../shared/context';
import { listTagsForResourceOn } from '../shared/list-tags-for-resource';
import { tagResourceOn } from '../shared/tag-resource';
import { databasesAndTables, type TaggedResources } from '../shared/tagged-resources';
import { untagResourceOn } from '../shared/untag-resource';
import { createScheduledQuery } from './create-scheduled-query';
import { deleteScheduledQuery } from './delete-scheduled-query';
import { describeScheduledQuery } from './describe-scheduled-query';
import { executeScheduledQuery } from './execute-scheduled-query';
import { listScheduledQueries } from './list-scheduled-queries';
import { updateScheduledQuery } from './update-scheduled-query';

const scheduledQueries = (service: ScheduledQueryService): TaggedResources => ({
  has: (arn) => service.has(arn),
  getTags: (arn) => service.get(arn).tags,
  setTags: (arn, tags) => service.setTags(arn, tags),
});

/** The query service's scheduled-query operations, and its tag operations that also know scheduled-query ARNs. */
export function createScheduledQueryOperations(service: ScheduledQueryService): Record<string, OperationHandler> {
  const tagged = [scheduledQueries(service), databasesAndTables];
  return {
    CreateScheduledQuery: createScheduledQuery(service),
    DescribeScheduledQuery: describeScheduledQuery(service),
    ListScheduledQueries: listScheduledQueries(service),
    UpdateScheduledQuery: updateScheduledQuery(service),
    DeleteScheduledQuery: deleteScheduledQuery(service),
    ExecuteScheduledQuery: executeScheduledQuery(service),
    TagResource: tagResourceOn(tagged),
    UntagResource: untagResourceOn(tagged),
    ListTagsForResource: listTagsForResourceOn(tagged),
  };
}
