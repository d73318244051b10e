"""TIMESERIES and ARRAY results through boto3: CREATE_TIME_SERIES over a device's readings and array
expressions, as botocore parses them (ColumnInfo types and the TimeSeriesValue / ArrayValue rows).
argv: endpoint database table. Prints the parsed answers."""
import sys
import time

from timestream_clients import clients, emit

write, query = clients()
database, table = sys.argv[2], sys.argv[3]
write.create_database(DatabaseName=database)
write.create_table(DatabaseName=database, TableName=table)
now = int(time.time()) * 1000
records = [
    {'Dimensions': [{'Name': 'device_id', 'Value': 'd1'}], 'MeasureName': 'temperature', 'MeasureValue': value, 'Time': str(now - 60_000 * (2 - n))}
    for n, value in enumerate(['20.5', '21.0', '22.25'])
]
write.write_records(DatabaseName=database, TableName=table, Records=records)
series = query.query(QueryString=(
    f'SELECT device_id, CREATE_TIME_SERIES(time, measure_value::double) AS temperature '
    f'FROM "{database}"."{table}" GROUP BY device_id'
))
arrays = query.query(QueryString="SELECT ARRAY[1, 2, 3] AS numbers, ARRAY['a', 'b'] AS letters, ARRAY[ARRAY[1], ARRAY[2, 3]] AS nested")
emit({'recordTimes': [r['Time'] for r in records], 'series': {k: series[k] for k in ('ColumnInfo', 'Rows')}, 'arrays': {k: arrays[k] for k in ('ColumnInfo', 'Rows')}})
