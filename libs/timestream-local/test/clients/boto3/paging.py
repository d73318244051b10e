"""Paging with boto3: the Query paginator (NextToken and MaxRows, as botocore's paginators-1.json says) over
`count` records, and a NextToken loop over ListTables with MaxResults. argv: endpoint database table count page."""
import sys
import time

from timestream_clients import clients, emit

write, query = clients()
database, table, count, page = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
write.create_database(DatabaseName=database)
for name in [table] + [f'{table}_{n}' for n in range(1, 5)]:
    write.create_table(DatabaseName=database, TableName=name)
now = int(time.time() * 1000)
records = [
    {'Dimensions': [{'Name': 'device_id', 'Value': f'd{n % 3}'}], 'MeasureName': 'temperature', 'MeasureValue': str(n), 'Time': str(now - n)}
    for n in range(count)
]
for start in range(0, count, 100):
    write.write_records(DatabaseName=database, TableName=table, Records=records[start:start + 100])

pages = list(query.get_paginator('query').paginate(
    QueryString=f'SELECT measure_value::double AS v FROM "{database}"."{table}" ORDER BY time',
    PaginationConfig={'PageSize': page},
))
tables, token, calls = [], None, 0
while True:
    answered = write.list_tables(DatabaseName=database, MaxResults=2, **({'NextToken': token} if token else {}))
    calls += 1
    tables += [t['TableName'] for t in answered['Tables']]
    token = answered.get('NextToken')
    if not token:
        break
emit({
    'pageSizes': [len(p['Rows']) for p in pages],
    'values': [float(row['Data'][0]['ScalarValue']) for p in pages for row in p['Rows']],
    'columns': [p['ColumnInfo'] for p in pages][0],
    'tables': tables,
    'listTablesCalls': calls,
})
