import type { Row } from '@aws-sdk/client-timestream-query';
import { encodedRowLength } from '../../src/query/encode';
import { encodeJson } from '../../src/protocol/json-codec';

describe('encodedRowLength: the length the pages are cut by', () => {
  it.each<[string, Row]>([
    ['scalars', { Data: [{ ScalarValue: 'dev-1' }, { ScalarValue: '2026-11-25 01:00:00.000000000' }, { ScalarValue: '21.5' }] }],
    ['nulls and empty text', { Data: [{ NullValue: true }, { ScalarValue: '' }] }],
    ['text JSON escapes', { Data: [{ ScalarValue: 'say "hi"\\ \n\t\u0001' }, { ScalarValue: 'ünïcode 温度 \u2028' }, { ScalarValue: 'lone \ud800 surrogate' }] }],
    ['nested values', { Data: [{ ArrayValue: [{ ScalarValue: '1' }, { NullValue: true }] }, { RowValue: { Data: [{ ScalarValue: 'a"b' }] } }, { TimeSeriesValue: [{ Time: 't', Value: { ScalarValue: '2' } }] }] }],
    ['no cells', { Data: [] }],
  ])('equals JSON.stringify(row).length: %s', (_, row) => {
    expect(encodedRowLength(row)).toBe(JSON.stringify(row).length);
  });
});

describe('encodeJson', () => {
  it('writes Dates as epoch seconds with a fraction, and an output without them as JSON.stringify does', () => {
    expect(encodeJson({ ScheduledQuery: { CreationTime: new Date(1_700_000_000_123), Name: 'q' }, NextToken: undefined })).toBe('{"ScheduledQuery":{"CreationTime":1700000000.123,"Name":"q"}}');
    const rows = { Rows: [{ Data: [{ ScalarValue: 'x' }, { NullValue: true }] }], NextToken: undefined, QueryStatus: { ProgressPercentage: 100 } };
    expect(encodeJson(rows)).toBe(JSON.stringify(rows));
    expect(encodeJson(undefined)).toBe('{}');
  });
});
