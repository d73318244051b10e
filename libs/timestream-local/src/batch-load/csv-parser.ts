/** How a batch-load source file is written (CsvConfiguration, with its defaults). */
export interface CsvFormat {
  /** ColumnSeparator (default `,`) */
  separator: string;
  /** QuoteChar (default `"`); a quote inside a quoted field is doubled or escaped */
  quote: string;
  /** EscapeChar (none by default): the character after it is taken as it is */
  escape?: string;
  /** NullValue: an unquoted field with this text is null (an empty unquoted field always is) */
  nullValue?: string;
  /** TrimWhiteSpace: leading and trailing blanks of unquoted fields are dropped */
  trim: boolean;
}

export const DEFAULT_CSV_FORMAT: CsvFormat = { separator: ',', quote: '"', trim: false };

/** One line of the file: its fields (null for a null field), or why it could not be read. `line` is the 1-based line it starts on. */
export type CsvRow = { line: number; fields: Array<string | null> } | { line: number; error: string };

const LF = 10;
const CR = 13;

type State = 'start' | 'unquoted' | 'quoted' | 'quoteInQuoted' | 'afterQuoted' | 'bad';

/**
 * A streaming CSV parser: `push` text as it arrives (any chunking), get the rows completed so far; `end` returns the
 * last one. Holds only the row being read, so a file of any size passes through it. Records end at `\n` or `\r\n`
 * outside quotes; quoted fields may hold separators, quotes (doubled or escaped) and line breaks.
 */
export class CsvParser {
  private state: State = 'start';
  private fields: Array<string | null> = [];
  private field = '';
  private quotedField = false;
  private escaping = false;
  private error: string | undefined;
  private line = 1;
  private rowLine = 1;
  private rowEmpty = true;

  constructor(private readonly format: CsvFormat = DEFAULT_CSV_FORMAT) {}

  push(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    this.feed(text, (row) => rows.push(row));
    return rows;
  }

  /** As `push`, each row handed to `onRow` as soon as it is complete (nothing is collected). */
  feed(text: string, onRow: (row: CsvRow) => void): void {
    const { separator, quote, escape } = this.format;
    const separatorCode = separator.charCodeAt(0);
    const quoteCode = quote.charCodeAt(0);
    const escapeCode = escape === undefined ? -1 : escape.charCodeAt(0);
    const n = text.length;
    for (let i = 0; i < n; i++) {
      // a run of ordinary characters of an unquoted or quoted field is taken as one slice, not a character at a time
      if (!this.escaping && (this.state === 'unquoted' || this.state === 'quoted' || (this.state === 'start' && !this.format.trim))) {
        const quoted = this.state === 'quoted';
        let j = i;
        for (; j < n; j++) {
          const code = text.charCodeAt(j);
          if (code === quoteCode || code === escapeCode || code === LF) break;
          if (!quoted && (code === separatorCode || code === CR)) break;
        }
        if (j > i) {
          this.field = this.field === '' ? text.slice(i, j) : this.field + text.slice(i, j);
          if (this.state === 'start') this.state = 'unquoted';
          this.rowEmpty = false;
          if (j === n) break;
          i = j;
        }
      }
      const c = text[i];
      if (c === '\r' && this.state !== 'quoted' && !this.escaping) continue; // \r\n outside quotes ends the record at \n
      if (this.escaping) {
        this.field += c;
        this.escaping = false;
        if (c === '\n') this.line++;
        continue;
      }
      if (c === '\n') {
        this.line++;
        if (this.state === 'quoted') {
          this.field += c;
          continue;
        }
        this.endRow(onRow);
        continue;
      }
      this.rowEmpty = false;
      switch (this.state) {
        case 'bad':
          break;
        case 'start':
          if (this.format.trim && (c === ' ' || c === '\t') && this.field === '') break;
          if (c === quote) {
            this.state = 'quoted';
            this.quotedField = true;
          } else if (c === separator) this.endField();
          else if (c === escape) {
            this.state = 'unquoted';
            this.escaping = true;
          } else {
            this.state = 'unquoted';
            this.field += c;
          }
          break;
        case 'unquoted':
          if (c === separator) this.endField();
          else if (c === escape) this.escaping = true;
          else if (c === quote) this.fail(`a quote character (${quote}) inside the unquoted field ${this.fields.length + 1}`);
          else this.field += c;
          break;
        case 'quoted':
          if (c === escape && escape !== quote) this.escaping = true;
          else if (c === quote) this.state = 'quoteInQuoted';
          else this.field += c;
          break;
        case 'quoteInQuoted':
          if (c === quote) {
            this.field += c; // a doubled quote
            this.state = 'quoted';
          } else if (c === separator) this.endField();
          else this.afterQuote(c);
          break;
        case 'afterQuoted':
          if (c === separator) this.endField();
          else this.afterQuote(c);
          break;
      }
    }
  }

  /** The last row (a file need not end with a line break). */
  end(): CsvRow[] {
    const rows: CsvRow[] = [];
    if (this.state === 'quoted' || this.escaping) this.fail(`the quoted field ${this.fields.length + 1} is not closed before the end of the file`);
    if (!this.rowEmpty || this.error) this.endRow((row) => rows.push(row));
    return rows;
  }

  private afterQuote(c: string): void {
    if (this.format.trim && (c === ' ' || c === '\t')) this.state = 'afterQuoted';
    else this.fail(`text after the closing quote of field ${this.fields.length + 1}`);
  }

  private fail(reason: string): void {
    this.error ??= `Malformed CSV: ${reason}.`;
    this.state = 'bad';
  }

  private endField(): void {
    let value = this.field;
    if (!this.quotedField && this.format.trim) value = value.trim();
    const isNull = !this.quotedField && (value === '' || value === this.format.nullValue);
    this.fields.push(isNull ? null : value);
    this.field = '';
    this.quotedField = false;
    this.state = 'start';
  }

  private endRow(onRow: (row: CsvRow) => void): void {
    const line = this.rowLine;
    const error = this.error;
    const fields = this.fields;
    const empty = this.rowEmpty;
    if (error === undefined && !empty) this.endField();
    this.fields = [];
    this.field = '';
    this.quotedField = false;
    this.error = undefined;
    this.state = 'start';
    this.rowEmpty = true;
    this.rowLine = this.line;
    // handed on after the state is reset: onRow may throw, and the parser stays usable
    if (error !== undefined) onRow({ line, error });
    else if (!empty) onRow({ line, fields });
  }
}
