import { positioned, type SourcePosition } from '../errors';
import { quoteString } from './sql-text';

/** Joda-Time pattern letters (Trino's format_datetime / parse_datetime), by run length, as DuckDB strftime specifiers. */
const LETTERS: Record<string, (count: number) => string | undefined> = {
  y: (n) => (n === 2 ? '%y' : '%Y'),
  Y: (n) => (n === 2 ? '%y' : '%Y'),
  // every instant the service holds is of the era AD
  G: () => 'AD',
  // the ISO week-year, week of it (two digits) and day of the week (Monday 1)
  x: (n) => (n === 2 ? undefined : '%G'),
  w: (n) => (n === 2 ? '%V' : undefined),
  e: (n) => (n === 1 ? '%u' : undefined),
  M: (n) => ['%-m', '%m', '%b'][n - 1] ?? '%B',
  d: (n) => (n === 1 ? '%-d' : '%d'),
  D: (n) => (n >= 3 ? '%j' : '%-j'),
  H: (n) => (n === 1 ? '%-H' : '%H'),
  h: (n) => (n === 1 ? '%-I' : '%I'),
  m: (n) => (n === 1 ? '%-M' : '%M'),
  s: (n) => (n === 1 ? '%-S' : '%S'),
  a: () => '%p',
  E: (n) => (n >= 4 ? '%A' : '%a'),
  Z: () => '%z',
  z: () => '%Z',
};

/** Letters strftime has no specifier for, computed apart: 0-11 hours, 1-24 hours, the century, fractions of a second. */
export const COMPUTED_LETTERS = new Set(['K', 'k', 'C', 'S']);

export type JodaToken = { kind: 'text'; text: string } | { kind: 'field'; letter: string; count: number };

/** A Joda-Time pattern as its runs of letters and its text; letters it cannot express are refused, naming the letter. */
export function jodaTokens(pattern: string, pos: SourcePosition): JodaToken[] {
  const tokens: JodaToken[] = [];
  const text = (t: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'text') last.text += t;
    else tokens.push({ kind: 'text', text: t });
  };
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      // quoted literal text; '' is a quote
      const end = pattern.indexOf("'", i + 1);
      text(end === i + 1 ? "'" : pattern.slice(i + 1, end < 0 ? pattern.length : end));
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      text(c);
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    if (!COMPUTED_LETTERS.has(c) && !LETTERS[c]?.(n)) throw positioned(pos, `Joda pattern '${c.repeat(n)}' is not supported`);
    tokens.push({ kind: 'field', letter: c, count: n });
    i += n;
  }
  return tokens;
}

/** The strftime / strptime format of a token that has one. */
export const strftimeOf = (token: JodaToken): string => (token.kind === 'text' ? token.text.replace(/%/g, '%%') : LETTERS[token.letter](token.count) ?? '');

const padded = (value: string, n: number): string => (n === 1 ? `CAST(${value} AS VARCHAR)` : `lpad(CAST(${value} AS VARCHAR), ${n}, '0')`);

/**
 * Joda's fraction of second (`appendFractionOfSecond(n, 9)`) of the milliseconds m: no fraction is n zeros; else
 * m as nine digits, its trailing zeros dropped down to n digits (nine digits at most).
 */
function fraction(n: number, m: string): string {
  const nine = `lpad(CAST(${m} * 1000000 AS VARCHAR), 9, '0')`;
  const shortened = n >= 9 ? nine : `CASE WHEN length(rtrim(${nine}, '0')) >= ${n} THEN rtrim(${nine}, '0') ELSE left(${nine}, ${n}) END`;
  return `CASE WHEN ${m} = 0 THEN '${'0'.repeat(n)}' ELSE ${shortened} END`;
}

const COMPUTED_FORMAT: Record<string, (n: number, t: string) => string> = {
  K: (n, t) => padded(`hour(${t}) % 12`, n),
  k: (n, t) => padded(`CASE hour(${t}) WHEN 0 THEN 24 ELSE hour(${t}) END`, n),
  C: (n, t) => padded(`year(${t}) // 100`, n),
  S: (n, t) => fraction(n, `(millisecond(${t}) % 1000)`),
};

/** The instant Trino's format_datetime prints: the timestamp rounded to the millisecond (Joda holds milliseconds). */
export const roundedToMillisecond = (timestamp: string): string => `date_trunc('millisecond', CAST(${timestamp} AS TIMESTAMP_NS) + INTERVAL 500 MICROSECOND)`;

/** SQL printing the timestamp `t` (a bound name) by the pattern: strftime for runs it has, computed text for the others. */
export function jodaFormatSql(tokens: JodaToken[], t: string): string {
  const parts: string[] = [];
  let format = '';
  const flush = (): void => {
    if (format) parts.push(`strftime(${t}, ${quoteString(format)})`);
    format = '';
  };
  for (const token of tokens) {
    if (token.kind === 'field' && COMPUTED_LETTERS.has(token.letter)) {
      flush();
      parts.push(COMPUTED_FORMAT[token.letter](token.count, t));
    } else {
      format += strftimeOf(token);
    }
  }
  flush();
  return parts.length === 0 ? "''" : parts.join(' || ');
}
