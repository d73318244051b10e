import type { CreateBatchLoadTaskResponse, DataModel } from '@aws-sdk/client-timestream-write';
import { dataModelProblems, readDataModel } from '../../batch-load/data-model';
import type { BatchLoadService } from '../../batch-load/batch-load-service';
import { ObjectStoreError, ValidationException } from '../../errors';
import type { ObjectStore } from '../../objects/object-store';
import type { OperationContext } from '../shared/context';
import { requireTable } from '../shared/resources';
import { InputChecker } from '../shared/validate';
import { checkCreateRequest } from './create-request-check';

/** A bucket the task needs must exist: a ValidationException naming the member otherwise. */
async function requireBucket(objects: ObjectStore, bucket: string, prefix: string, member: string): Promise<void> {
  try {
    await objects.listObjects(bucket, prefix);
  } catch (error) {
    if (!(error instanceof ObjectStoreError)) throw error;
    const reason = error.missingBucket ? 'does not exist' : `cannot be read (${error.message})`;
    throw new ValidationException(`The S3 bucket ${bucket} of ${member} ${reason}.`, { cause: error });
  }
}

/** The data model stored at DataModelS3Configuration: a JSON DataModel, checked as an inline one is. */
async function readModelObject(objects: ObjectStore, bucket: string, key: string): Promise<DataModel> {
  const where = `s3://${bucket}/${key}`;
  let text = '';
  try {
    for await (const chunk of await objects.getObject(bucket, key)) text += Buffer.from(chunk).toString('utf8');
  } catch (error) {
    throw new ValidationException(`The data model of DataModelConfiguration.DataModelS3Configuration (${where}) cannot be read: ${(error as Error).message}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ValidationException(`The data model ${where} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const check = InputChecker.of({ DataModel: parsed });
  const model = readDataModel(check, parsed, `dataModelConfiguration.dataModelS3Configuration(${where})`);
  check.done();
  return model as DataModel;
}

/** CreateBatchLoadTask: checks the request, the table, the buckets and the data model, then queues the task (it runs in the background). */
export const createBatchLoadTask =
  (service: BatchLoadService) =>
  async (input: unknown, ctx: OperationContext): Promise<CreateBatchLoadTaskResponse> => {
    const checked = checkCreateRequest(input);
    const { request } = checked;
    requireTable(ctx, request.TargetDatabaseName, request.TargetTableName);
    const objects = service.requireObjects();
    const dataModel = checked.dataModel ?? (await readModelObject(objects, checked.dataModelS3?.bucket as string, checked.dataModelS3?.key as string));
    const problems = dataModelProblems(dataModel);
    if (problems.length > 0) throw new ValidationException(`Invalid DataModelConfiguration.DataModel: ${problems.join('; ')}.`);
    const source = request.DataSourceConfiguration.DataSourceS3Configuration;
    await requireBucket(objects, source?.BucketName as string, source?.ObjectKeyPrefix ?? '', 'DataSourceConfiguration.DataSourceS3Configuration.BucketName');
    const report = request.ReportConfiguration.ReportS3Configuration;
    await requireBucket(objects, report?.BucketName as string, report?.ObjectKeyPrefix ?? '', 'ReportConfiguration.ReportS3Configuration.BucketName');
    return { TaskId: await service.create(request, dataModel, checked.clientToken) };
  };
