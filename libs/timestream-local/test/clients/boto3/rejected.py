"""Rejected records through boto3: a call with a valid record, a same-version rewrite with another value, a lower
version and a record outside the memory store; botocore raises RejectedRecordsException, whose error response is
printed with what the table then holds. argv: endpoint database table."""
import sys
import time

from timestream_clients import clients, emit

write, query = clients()
database, table = sys.argv[2], sys.argv[3]
write.create_database(DatabaseName=database)
write.create_table(DatabaseName=database, TableName=table)
now = int(time.time() * 1000)


def record(device, value, version, at=now):
    return {'Dimensions': [{'Name': 'device_id', 'Value': device}], 'MeasureName': 'temperature', 'MeasureValue': value, 'Time': str(at), 'Version': version}


write.write_records(DatabaseName=database, TableName=table, Records=[record('d1', '21.5', 3), record('d2', '19', 7)])
try:
    write.write_records(DatabaseName=database, TableName=table, Records=[
        record('d3', '18', 1),
        record('d1', '22', 3),
        record('d2', '20', 2),
        record('d4', '17', 1, now - 48 * 3600 * 1000),
    ])
    error = None
except write.exceptions.RejectedRecordsException as raised:
    error = {'code': raised.response['Error']['Code'], 'status': raised.response['ResponseMetadata']['HTTPStatusCode'], 'rejected': raised.response['RejectedRecords']}
rows = query.query(QueryString=f'SELECT device_id, measure_value::double FROM "{database}"."{table}" ORDER BY device_id')['Rows']
emit({'error': error, 'rows': [[d['ScalarValue'] for d in row['Data']] for row in rows]})
