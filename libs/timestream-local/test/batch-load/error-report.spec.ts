import { FileErrorCollector, reportKey } from '../../src/batch-load/error-report';

describe('FileErrorCollector', () => {
  it('groups lines per reason into ranges of consecutive lines', () => {
    const c = new FileErrorCollector('data/part-1.csv');
    for (const line of [2, 3, 4, 7, 9, 10]) c.add(line, 'bad time');
    c.add(5, 'no measure');
    c.add(4, 'bad time'); // a second record of the same line
    expect(c.count).toBe(8);
    expect(c.result()).toEqual({
      fileName: 'data/part-1.csv',
      errors: [
        { reason: 'bad time', lineRanges: [[2, 4], [7, 7], [9, 10]] },
        { reason: 'no measure', lineRanges: [[5, 5]] },
      ],
    });
  });

  it('keeps file-wide errors without lines, and has nothing to report without errors', () => {
    expect(new FileErrorCollector('a.csv').result()).toBeUndefined();
    const c = new FileErrorCollector('a.csv');
    c.addFileError('The file is empty');
    expect(c.result()).toEqual({ fileName: 'a.csv', errors: [{ reason: 'The file is empty', lineRanges: [] }] });
  });

  it('puts the report under the prefix and the task id', () => {
    expect(reportKey('reports/', 'ABC')).toBe('reports/ABC/batch_load_error_report.json');
    expect(reportKey(undefined, 'ABC')).toBe('ABC/batch_load_error_report.json');
  });
});
