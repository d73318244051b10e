import { CsvParser, DEFAULT_CSV_FORMAT, type CsvFormat, type CsvRow } from '../../src/batch-load/csv-parser';

/** Parses `text` pushed in pieces of `size` characters (every chunking must give the same rows). */
function parse(text: string, format: CsvFormat = DEFAULT_CSV_FORMAT, size = text.length): CsvRow[] {
  const parser = new CsvParser(format);
  const rows: CsvRow[] = [];
  for (let i = 0; i < text.length; i += size) rows.push(...parser.push(text.slice(i, i + size)));
  rows.push(...parser.end());
  return rows;
}

describe('CsvParser', () => {
  it('reads fields, quoted separators, doubled quotes and line breaks inside quotes, at any chunking', () => {
    const text = 'a,b,c\r\n1,"x, y",3\n"say ""hi""","two\nlines",\n';
    const expected = [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', '3'] },
      { line: 3, fields: ['say "hi"', 'two\nlines', null] },
    ];
    for (const size of [1, 2, 3, 7, text.length]) expect(parse(text, DEFAULT_CSV_FORMAT, size)).toEqual(expected);
  });

  it('numbers rows by the line they start on and skips blank lines; the last line needs no line break', () => {
    expect(parse('h\n\nv1\n"a\nb"\nv3')).toEqual([
      { line: 1, fields: ['h'] },
      { line: 3, fields: ['v1'] },
      { line: 4, fields: ['a\nb'] },
      { line: 6, fields: ['v3'] },
    ]);
  });

  it('applies ColumnSeparator, QuoteChar, EscapeChar, NullValue and TrimWhiteSpace', () => {
    const format: CsvFormat = { separator: '|', quote: "'", escape: '\\', nullValue: 'NA', trim: true };
    expect(parse("  a | 'b|c' |NA| d\\|e |'it\\'s'\n", format)).toEqual([{ line: 1, fields: ['a', 'b|c', null, 'd|e', "it's"] }]);
    // a quoted NullValue is text, an empty unquoted field is null, a quoted empty field is ''
    expect(parse("'NA'||''\n", format)).toEqual([{ line: 1, fields: ['NA', null, ''] }]);
    // without TrimWhiteSpace the blanks stay
    expect(parse(' a , b\n')).toEqual([{ line: 1, fields: [' a ', ' b'] }]);
  });

  it('answers a malformed line with its reason and goes on with the next line', () => {
    expect(parse('a,b\n1,"x"y\n2,ok\nx"y,3\n"open,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'Malformed CSV: text after the closing quote of field 2.' },
      { line: 3, fields: ['2', 'ok'] },
      { line: 4, error: 'Malformed CSV: a quote character (") inside the unquoted field 1.' },
      { line: 5, error: 'Malformed CSV: the quoted field 1 is not closed before the end of the file.' },
    ]);
  });
});
