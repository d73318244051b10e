import { timeTickLabels } from '../src/client/format';

const at = (iso: string) => Date.parse(iso) / 1000;
const every = (startIso: string, step: number, n: number) => Array.from({ length: n }, (_, i) => at(startIso) + i * step);

describe('time-axis tick labels', () => {
  it('shows seconds when ticks are less than a minute apart, so one minute of data does not read 07:42 07:42 07:42', () => {
    const labels = timeTickLabels(every('2026-01-01T07:42:00Z', 10, 6), 10);
    expect(labels).toEqual(['07:42:00', '07:42:10', '07:42:20', '07:42:30', '07:42:40', '07:42:50']);
  });

  it('shows HH:MM for whole-minute steps, dates for day steps, milliseconds below a second', () => {
    expect(timeTickLabels(every('2026-01-01T07:40:00Z', 300, 3), 300)).toEqual(['07:40', '07:45', '07:50']);
    expect(timeTickLabels(every('2026-01-01T00:00:00Z', 86_400, 3), 86_400)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(timeTickLabels(every('2026-01-01T07:42:00Z', 0.5, 3), 0.5)).toEqual(['07:42:00.000', '07:42:00.500', '07:42:01.000']);
    expect(timeTickLabels(every('2026-01-01T07:42:00Z', 90, 3), 90)).toEqual(['07:42:00', '07:43:30', '07:45:00']);
  });

  it('dates the first tick of each day when the ticks cross midnight', () => {
    expect(timeTickLabels(every('2026-01-01T22:00:00Z', 3600, 4), 3600)).toEqual(['01-01 22:00', '23:00', '01-02 00:00', '01:00']);
  });

  it('dates every tick when they span more than a day', () => {
    expect(timeTickLabels(every('2026-01-01T12:00:00Z', 21_600, 5), 21_600)).toEqual(['01-01 12:00', '01-01 18:00', '01-02 00:00', '01-02 06:00', '01-02 12:00']);
  });

  it('never repeats a label for distinct ticks', () => {
    for (const step of [1, 5, 10, 15, 30, 60, 300, 600, 1800, 3600, 21_600, 86_400]) {
      const labels = timeTickLabels(every('2026-03-01T23:30:00Z', step, 8), step);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});
