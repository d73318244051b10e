"""A batch-load task through boto3: the CSV is already under the server's data directory (s3/<bucket>/<key>);
create_batch_load_task, describe_batch_load_task until it ends, list_batch_load_tasks, then the rows read back
with query. argv: endpoint database table bucket prefix."""
import sys
import time

from timestream_clients import clients, emit

write, query = clients()
database, table, bucket, prefix = sys.argv[2:6]
write.create_database(DatabaseName=database)
write.create_table(DatabaseName=database, TableName=table)
created = write.create_batch_load_task(
    TargetDatabaseName=database,
    TargetTableName=table,
    DataSourceConfiguration={'DataSourceS3Configuration': {'BucketName': bucket, 'ObjectKeyPrefix': prefix}, 'DataFormat': 'CSV',
                             'CsvConfiguration': {'ColumnSeparator': ';', 'TrimWhiteSpace': True}},
    DataModelConfiguration={'DataModel': {
        'TimeColumn': 'ts', 'TimeUnit': 'SECONDS',
        'DimensionMappings': [{'SourceColumn': 'device', 'DestinationColumn': 'device_id'}],
        'MeasureNameColumn': 'measure',
        'MixedMeasureMappings': [{'MeasureName': 'temperature', 'SourceColumn': 'value', 'MeasureValueType': 'DOUBLE'},
                                 {'MeasureName': 'status', 'SourceColumn': 'value', 'MeasureValueType': 'VARCHAR'}]}},
    ReportConfiguration={'ReportS3Configuration': {'BucketName': bucket, 'ObjectKeyPrefix': 'reports'}},
)
task_id = created['TaskId']
for _ in range(600):
    task = write.describe_batch_load_task(TaskId=task_id)['BatchLoadTaskDescription']
    if task['TaskStatus'] in ('SUCCEEDED', 'FAILED'):
        break
    time.sleep(0.1)
listed = write.list_batch_load_tasks(MaxResults=10)['BatchLoadTasks']
try:
    write.resume_batch_load_task(TaskId=task_id)
    resume_error = None
except write.exceptions.ValidationException as raised:
    resume_error = raised.response['Error']['Code']
rows = query.query(QueryString=f'SELECT device_id, measure_name, coalesce(cast(measure_value::double AS varchar), measure_value::varchar) FROM "{database}"."{table}" ORDER BY device_id, measure_name')['Rows']
emit({'taskId': task_id, 'status': task['TaskStatus'], 'progress': task['ProgressReport'], 'listed': [t['TaskId'] for t in listed],
      'resumeError': resume_error, 'rows': [[d.get('ScalarValue') for d in row['Data']] for row in rows]})
