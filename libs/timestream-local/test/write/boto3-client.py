"""Drives a timestream-local server with boto3 (botocore: the AWS CLI's SDK): argv[1] is its endpoint.
Prints one JSON line: what each call answered."""
import json
import sys
import time

import boto3

endpoint = sys.argv[1]
settings = dict(endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='local', aws_secret_access_key='local')
write = boto3.client('timestream-write', **settings)
query = boto3.client('timestream-query', **settings)
write.create_database(DatabaseName='botocore')
write.create_table(DatabaseName='botocore', TableName='readings')
now = str(int(time.time() * 1000))
records = [{'Dimensions': [{'Name': 'device_id', 'Value': 'd1'}], 'MeasureName': 'temperature', 'MeasureValue': '21.5', 'Time': now}]
ingested = write.write_records(DatabaseName='botocore', TableName='readings', Records=records)['RecordsIngested']
try:
    write.write_records(DatabaseName='botocore', TableName='readings', Records=[dict(records[0], MeasureValue='22')])
    conflict = None
except write.exceptions.RejectedRecordsException as error:
    conflict = error.response['RejectedRecords'][0]['Reason']
rows = query.query(QueryString='SELECT device_id, measure_value::double FROM "botocore"."readings"')['Rows']
print(json.dumps({'ingested': ingested, 'conflict': conflict, 'rows': rows}))
