import { positioned, type SourcePosition } from './errors';

export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'duration' | 'op' | 'param' | 'eof';

export interface Token extends SourcePosition {
  kind: TokenKind;
  /** identifier text as written (quoted: unescaped), string value, number text, operator text */
  text: string;
  /** for `duration` tokens: the numeric part and the unit as written (`10`, `ms`) */
  amount?: string;
  unit?: string;
}

/** Units a bare interval literal (`15s`, `10000ms`, `12second`) may carry, mapped to a canonical unit. */
export const DURATION_UNITS: Readonly<Record<string, 'ns' | 'us' | 'ms' | 's' | 'm' | 'h' | 'd'>> = {
  ns: 'ns', nanosecond: 'ns', nanoseconds: 'ns',
  us: 'us', microsecond: 'us', microseconds: 'us',
  ms: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 's', second: 's', seconds: 's',
  m: 'm', minute: 'm', minutes: 'm',
  h: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
};

const TWO_CHAR_OPS = new Set(['<>', '!=', '<=', '>=', '||', '->', '::']);
const ONE_CHAR_OPS = new Set(['(', ')', ',', '.', ';', '+', '-', '*', '/', '%', '=', '<', '>', '[', ']']);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c) || c === '@' || c === '$';

/** Splits Timestream SQL into tokens, tracking 1-based line and column of each token. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (index: number): SourcePosition => ({ line, column: index - lineStart + 1 });
  const advanceOver = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (sql[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
  };

  while (i < sql.length) {
    const c = sql[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      advanceOver(i, i + 1);
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw positioned(at(i), 'mismatched input \'<EOF>\': unterminated comment');
      advanceOver(i, end + 2);
      i = end + 2;
      continue;
    }
    const pos = at(i);
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= sql.length) throw positioned(pos, c === "'" ? 'unterminated string literal' : 'unterminated quoted identifier');
        if (sql[j] === c) {
          if (sql[j + 1] === c) {
            text += c;
            j += 2;
            continue;
          }
          break;
        }
        text += sql[j];
        j++;
      }
      advanceOver(i, j + 1);
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text, ...pos });
      i = j + 1;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(sql[i + 1] ?? ''))) {
      let j = i;
      while (j < sql.length && isDigit(sql[j])) j++;
      if (sql[j] === '.' && isDigit(sql[j + 1] ?? '')) {
        j++;
        while (j < sql.length && isDigit(sql[j])) j++;
      } else if (sql[j] === '.' && !isIdentStart(sql[j + 1] ?? '')) {
        j++;
      }
      if ((sql[j] === 'e' || sql[j] === 'E') && (isDigit(sql[j + 1] ?? '') || ((sql[j + 1] === '+' || sql[j + 1] === '-') && isDigit(sql[j + 2] ?? '')))) {
        j += 2;
        while (j < sql.length && isDigit(sql[j])) j++;
      }
      const number = sql.slice(i, j);
      if (isIdentStart(sql[j] ?? '')) {
        let k = j;
        while (k < sql.length && isIdentPart(sql[k])) k++;
        const unit = sql.slice(j, k);
        if (!DURATION_UNITS[unit.toLowerCase()] || number.includes('e') || number.includes('E')) {
          throw positioned(pos, `mismatched input '${number}${unit}'`);
        }
        tokens.push({ kind: 'duration', text: number + unit, amount: number, unit: DURATION_UNITS[unit.toLowerCase()], ...pos });
        i = k;
        continue;
      }
      tokens.push({ kind: 'number', text: number, ...pos });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i;
      while (j < sql.length && isIdentPart(sql[j])) j++;
      let text = sql.slice(i, j);
      // measure_value::double and friends are column names in Timestream, not casts.
      if (text.toLowerCase() === 'measure_value' && sql[j] === ':' && sql[j + 1] === ':' && isIdentStart(sql[j + 2] ?? '')) {
        let k = j + 2;
        while (k < sql.length && isIdentPart(sql[k])) k++;
        text = `measure_value::${sql.slice(j + 2, k).toLowerCase()}`;
        j = k;
      }
      tokens.push({ kind: 'ident', text, ...pos });
      i = j;
      continue;
    }
    if (c === '?') {
      tokens.push({ kind: 'param', text: '?', ...pos });
      i++;
      continue;
    }
    if (c === '@' && isIdentStart(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && isIdentPart(sql[j])) j++;
      tokens.push({ kind: 'param', text: sql.slice(i + 1, j), ...pos });
      i = j;
      continue;
    }
    const two = sql.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      tokens.push({ kind: 'op', text: two, ...pos });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.has(c)) {
      tokens.push({ kind: 'op', text: c, ...pos });
      i++;
      continue;
    }
    throw positioned(pos, `token recognition error at: '${c}'`);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', ...at(i) });
  return tokens;
}
