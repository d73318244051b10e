"""The recipe's boto3 steps (recipe-timestream-iot.md): its Lambda's write_to_timestream, records made as its
create_records makes them (device_id and location dimensions, one DOUBLE record per sensor), then a query of them.
argv: [endpoint|-] database table. Prints what each call answered."""
import sys
import time

from timestream_clients import clients, emit

write, query = clients()
database, table = sys.argv[2], sys.argv[3]
write.create_database(DatabaseName=database)
write.create_table(
    DatabaseName=database,
    TableName=table,
    RetentionProperties={'MemoryStoreRetentionPeriodInHours': 24, 'MagneticStoreRetentionPeriodInDays': 365},
)


def create_records(data, current_time):
    dimensions = [{'Name': 'device_id', 'Value': str(data['device_id'])}, {'Name': 'location', 'Value': str(data['location'])}]
    return [
        {'Dimensions': dimensions, 'MeasureName': sensor, 'MeasureValue': str(value), 'MeasureValueType': 'DOUBLE', 'Time': current_time, 'TimeUnit': 'MILLISECONDS'}
        for sensor, value in data['sensors'].items()
    ]


current_time = str(int(time.time() * 1000))
event = {'device_id': 'sensor-001', 'location': 'factory-floor-1', 'sensors': {'temperature': 22.5, 'humidity': 51.25, 'pressure': 1013.25}}
written = write.write_records(DatabaseName=database, TableName=table, Records=create_records(event, current_time))
answer = query.query(
    QueryString=f'SELECT device_id, location, measure_name, measure_value::double FROM "{database}"."{table}" '
    'WHERE time >= ago(1h) ORDER BY measure_name'
)
emit({
    'databases': [d['DatabaseName'] for d in write.list_databases()['Databases']],
    'table': write.describe_table(DatabaseName=database, TableName=table)['Table'],
    'ingested': written['RecordsIngested'],
    'columns': [c['Name'] for c in answer['ColumnInfo']],
    'rows': [[d.get('ScalarValue') for d in row['Data']] for row in answer['Rows']],
    'writeEndpoint': write.meta.endpoint_url,
})
