import { meterWriteRequest } from '../../bench/metering';

// The documentation's example event: region=us-east-1, az=1d, vpc=vpc-1a2b3c4d, hostname=host-24Gju,
// cpu_utilization=35.0 -> 8 + 15 + 4 + 15 + 18 + 15 + 8 = 83 bytes.
const event = (time: number) => ({
  Dimensions: [
    { Name: 'region', Value: 'us-east-1' },
    { Name: 'az', Value: '1d' },
    { Name: 'vpc', Value: 'vpc-1a2b3c4d' },
    { Name: 'hostname', Value: 'host-24Gju' },
  ],
  MeasureName: 'cpu_utilization',
  MeasureValue: '35.0',
  MeasureValueType: 'DOUBLE',
  Time: String(time),
});

describe('meterWriteRequest', () => {
  it('sizes the documented example event at 83 bytes, one write unit', () => {
    expect(meterWriteRequest({ Records: [event(1)] })).toEqual({ bytes: 83, units: 1, records: 1 });
  });

  it('bills a request in 1 KiB units rounded up: 12 such events fit one unit, 13 need two', () => {
    expect(meterWriteRequest({ Records: Array.from({ length: 12 }, (_, i) => event(i)) }).units).toBe(1);
    expect(meterWriteRequest({ Records: Array.from({ length: 13 }, (_, i) => event(i)) })).toEqual({ bytes: 13 * 83, units: 2, records: 13 });
  });

  it('counts CommonAttributes once per request', () => {
    const { Dimensions, MeasureName, MeasureValueType } = event(0);
    const records = Array.from({ length: 20 }, (_, i) => ({ MeasureValue: '35.0', Time: String(i) }));
    // common: 52 (dimensions) + 15 (measure name); each record: 8 (time) + 8 (value)
    expect(meterWriteRequest({ CommonAttributes: { Dimensions, MeasureName, MeasureValueType }, Records: records })).toEqual({ bytes: 52 + 15 + 20 * 16, units: 1, records: 20 });
  });

  it('counts each measure of a MULTI record by name and type', () => {
    const body = {
      Records: [
        {
          Dimensions: [{ Name: 'device_id', Value: 'sensor-001' }],
          MeasureName: 'sensor_reading',
          MeasureValueType: 'MULTI',
          MeasureValues: [
            { Name: 'temperature', Value: '21.5', Type: 'DOUBLE' },
            { Name: 'ok', Value: 'true', Type: 'BOOLEAN' },
            { Name: 'state', Value: 'ÿes', Type: 'VARCHAR' },
          ],
          Time: '1',
        },
      ],
    };
    expect(meterWriteRequest(body).bytes).toBe(8 + 19 + 14 + (11 + 8) + (2 + 1) + (5 + 4));
  });
});
