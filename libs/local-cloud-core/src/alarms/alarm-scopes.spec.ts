import { ALARM_DEFINITIONS } from '@iot-timeseries/schema';
import { alarmScopes } from './alarm-scopes';

describe('alarmScopes', () => {
  it('has a filter for every scope the alarm definitions use, the Lambda one by function name', () => {
    const scopes = alarmScopes('ingest');
    for (const d of ALARM_DEFINITIONS) expect(scopes[d.scope]).toBeDefined();
    expect(scopes.lambda).toEqual({ FunctionName: 'ingest' });
    expect(scopes['timestream-write']).toEqual({ Operation: 'WriteRecords' });
  });
});
