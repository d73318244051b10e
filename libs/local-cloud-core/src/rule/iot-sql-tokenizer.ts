import { RuleSqlError } from '../errors';

export type TokenKind = 'keyword' | 'identifier' | 'string' | 'number' | 'operator' | 'punct' | 'end';

export interface Token {
  kind: TokenKind;
  /** Keywords are upper-cased; identifiers keep their spelling; strings are unquoted. */
  value: string;
  position: number;
}

const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'AS', 'AND', 'OR', 'NOT', 'TRUE', 'FALSE', 'NULL']);
const TWO_CHAR_OPERATORS = ['<>', '!=', '<=', '>='];
const ONE_CHAR_OPERATORS = '=<>+-*/%';
const PUNCTUATION = '(),.';

/** Splits AWS IoT SQL (2016-03-23) text into tokens. */
export function tokenizeIotSql(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "'" || ch === '"') {
      // IoT SQL: single quotes for strings; double quotes for identifiers with special characters.
      const quote = ch;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new RuleSqlError('unterminated quoted text', start);
        if (text[i] === quote) {
          if (text[i + 1] === quote) {
            value += quote;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ kind: quote === "'" ? 'string' : 'identifier', value, position: start });
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
      const literal = match ? match[0] : ch;
      tokens.push({ kind: 'number', value: literal, position: start });
      i += literal.length;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const literal = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i))?.[0] ?? ch;
      const upper = literal.toUpperCase();
      tokens.push(KEYWORDS.has(upper) ? { kind: 'keyword', value: upper, position: start } : { kind: 'identifier', value: literal, position: start });
      i += literal.length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPERATORS.includes(two)) {
      tokens.push({ kind: 'operator', value: two === '!=' ? '<>' : two, position: start });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPERATORS.includes(ch)) {
      tokens.push({ kind: 'operator', value: ch, position: start });
      i++;
      continue;
    }
    if (PUNCTUATION.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch, position: start });
      i++;
      continue;
    }
    throw new RuleSqlError(`unexpected character ${JSON.stringify(ch)}`, start);
  }
  tokens.push({ kind: 'end', value: '', position: text.length });
  return tokens;
}
