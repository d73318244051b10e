/** DuckDB result type strings (`STRUCT("time" TIMESTAMP_NS, "value" DOUBLE)[]`) parsed into a tree. */
export type DuckType =
  | { kind: 'scalar'; name: string }
  | { kind: 'list'; element: DuckType }
  | { kind: 'struct'; fields: Array<{ name: string; type: DuckType }> }
  | { kind: 'other'; text: string };

export function parseDuckType(text: string): DuckType {
  const parser = new TypeTextParser(text);
  const type = parser.type();
  return type;
}

class TypeTextParser {
  private i = 0;
  constructor(private readonly text: string) {}

  private skipSpaces(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  type(): DuckType {
    this.skipSpaces();
    const start = this.i;
    let word = '';
    while (this.i < this.text.length && !'()[],'.includes(this.text[this.i])) {
      // multi-word names: TIMESTAMP WITH TIME ZONE, DOUBLE PRECISION
      word += this.text[this.i];
      this.i++;
    }
    word = word.trim();
    let type: DuckType;
    const upper = word.toUpperCase();
    if (upper === 'STRUCT' && this.text[this.i] === '(') {
      this.i++;
      const fields: Array<{ name: string; type: DuckType }> = [];
      for (;;) {
        this.skipSpaces();
        const name = this.fieldName();
        const fieldType = this.type();
        fields.push({ name, type: fieldType });
        this.skipSpaces();
        if (this.text[this.i] === ',') {
          this.i++;
          continue;
        }
        this.i++; // ')'
        break;
      }
      type = { kind: 'struct', fields };
    } else if (this.text[this.i] === '(') {
      let depth = 0;
      do {
        if (this.text[this.i] === '(') depth++;
        if (this.text[this.i] === ')') depth--;
        this.i++;
      } while (depth > 0 && this.i < this.text.length);
      type = upper.startsWith('DECIMAL') || upper.startsWith('NUMERIC') ? { kind: 'scalar', name: 'DECIMAL' } : { kind: 'other', text: this.text.slice(start, this.i) };
    } else {
      type = { kind: 'scalar', name: upper.startsWith('"') && upper.endsWith('"') ? upper.slice(1, -1) : upper };
    }
    for (;;) {
      this.skipSpaces();
      if (this.text[this.i] !== '[') break;
      while (this.i < this.text.length && this.text[this.i] !== ']') this.i++;
      this.i++;
      type = { kind: 'list', element: type };
    }
    return type;
  }

  private fieldName(): string {
    if (this.text[this.i] === '"') {
      let name = '';
      this.i++;
      for (;;) {
        const c = this.text[this.i];
        if (c === undefined) break;
        if (c === '"') {
          if (this.text[this.i + 1] === '"') {
            name += '"';
            this.i += 2;
            continue;
          }
          this.i++;
          break;
        }
        name += c;
        this.i++;
      }
      return name;
    }
    let name = '';
    while (this.i < this.text.length && this.text[this.i] !== ' ') name += this.text[this.i++];
    return name;
  }
}

const TIMESTAMPS = new Set(['TIMESTAMP', 'TIMESTAMP_NS', 'TIMESTAMP_MS', 'TIMESTAMP_S', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ', 'DATETIME']);
export const isTimestampType = (t: DuckType): boolean => t.kind === 'scalar' && TIMESTAMPS.has(t.name);

/** A list of STRUCT(time TIMESTAMP.., value X): how the engine represents a Timestream timeseries. */
export function timeSeriesValueType(t: DuckType): DuckType | undefined {
  if (t.kind !== 'list' || t.element.kind !== 'struct') return undefined;
  const fields = t.element.fields;
  if (fields.length !== 2 || fields[0].name !== 'time' || fields[1].name !== 'value' || !isTimestampType(fields[0].type)) return undefined;
  return fields[1].type;
}

/** Whether a value of this type holds bytes (BLOB, VARBINARY) anywhere, in a list or struct too. */
export function holdsBytes(t: DuckType): boolean {
  if (t.kind === 'list') return holdsBytes(t.element);
  if (t.kind === 'struct') return t.fields.some((f) => holdsBytes(f.type));
  return t.kind === 'scalar' && (t.name === 'BLOB' || t.name === 'VARBINARY' || t.name === 'BYTEA');
}
