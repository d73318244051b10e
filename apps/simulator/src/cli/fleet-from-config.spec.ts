import { maxInFlightFor } from './fleet-from-config';

describe('maxInFlightFor', () => {
  it('gives each device a window of its own above a floor of 256', () => {
    expect(maxInFlightFor(5)).toBe(256);
    expect(maxInFlightFor(1000)).toBe(8000);
    expect(maxInFlightFor(2000)).toBeGreaterThan(maxInFlightFor(1000));
  });
});
