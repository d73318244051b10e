import { COMPUTED_LETTERS, strftimeOf, type JodaToken } from './joda-format';
import { quoteString, raiseSql } from './sql-text';

const NUMERIC = new Set(['y', 'Y', 'x', 'w', 'e', 'd', 'D', 'H', 'h', 'm', 's', 'K', 'k', 'C', 'S']);
const isNumeric = (t: JodaToken | undefined): boolean => t?.kind === 'field' && (NUMERIC.has(t.letter) || (t.letter === 'M' && t.count <= 2));

/** The regular expression of one field; a number followed by another number takes its run's width, as Joda reads it. */
function fieldRegex(token: Extract<JodaToken, { kind: 'field' }>, next: JodaToken | undefined): string {
  if (token.letter === 'S') return '(\\d{1,9})';
  if (isNumeric(token)) return isNumeric(next) ? `(\\d{${token.count}})` : '(\\d+)';
  if (token.letter === 'Z') return '(Z|[+-]\\d{2}:?\\d{2})';
  if (token.letter === 'z') return '([A-Za-z][A-Za-z0-9_/+-]*)';
  return '([A-Za-z]+)';
}

const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

interface Part {
  /** the value given to strptime, from the captured text g */
  value: (g: string) => string;
  specifier: string;
}

/** Joda's range check of a field: `Cannot parse "...": Value 12 for hourOfHalfday must be in the range [0,11]`. */
const inRange = (s: string, g: string, field: string, low: number, high: number, value: string): string =>
  `CASE WHEN CAST(${g} AS INTEGER) BETWEEN ${low} AND ${high} THEN ${value} `
  + `ELSE ${raiseSql(`'Cannot parse "' || ${s} || '": Value ' || CAST(CAST(${g} AS INTEGER) AS VARCHAR) || ' for ${field} must be in the range [${low},${high}]'`)} END`;

/** How one field reaches strptime: as it is, or (the letters strftime has none for) as a value of another specifier. */
function partOf(token: Extract<JodaToken, { kind: 'field' }>, tokens: JodaToken[], s: string): Part | undefined {
  const has = (letters: string): boolean => tokens.some((t) => t.kind === 'field' && letters.includes(t.letter));
  switch (token.letter) {
    // Joda reads up to nine digits and keeps the milliseconds
    case 'S': return { value: (g) => `left(${g}, 3)`, specifier: '%g' };
    // with a half of the day, hour 0 is strptime's 12
    case 'K': return has('a')
      ? { value: (g) => inRange(s, g, 'hourOfHalfday', 0, 11, `CAST(CASE CAST(${g} AS INTEGER) WHEN 0 THEN 12 ELSE CAST(${g} AS INTEGER) END AS VARCHAR)`), specifier: '%I' }
      : { value: (g) => inRange(s, g, 'hourOfHalfday', 0, 11, g), specifier: '%H' };
    case 'k': return { value: (g) => inRange(s, g, 'clockhourOfDay', 1, 24, `CAST(CAST(${g} AS INTEGER) % 24 AS VARCHAR)`), specifier: '%H' };
    // the century sets the year's hundreds over Joda's default year 1970; a year field, set after it, wins
    case 'C': return has('yYx') ? undefined : { value: (g) => `CAST(CAST(${g} AS INTEGER) * 100 + 70 AS VARCHAR)`, specifier: '%Y' };
    default: return { value: (g) => g, specifier: strftimeOf(token) };
  }
}

/** Joda's default year, 1970, for a pattern with no year field (strptime's would be 1900): a text and format to put first. */
export const defaultYear = (tokens: JodaToken[]): { text: string; format: string } | undefined =>
  (tokens.some((t) => t.kind === 'field' && 'yYxC'.includes(t.letter)) ? undefined : { text: "'1970'", format: '%Y' });

/** Whether a pattern needs the parse below (it has letters strptime cannot read). */
export const needsJodaParse = (tokens: JodaToken[]): boolean => tokens.some((t) => t.kind === 'field' && COMPUTED_LETTERS.has(t.letter));

/**
 * parse_datetime of the text `s` (a bound name) by a pattern with letters strptime has no specifier for: the text is
 * matched whole by a regular expression of the pattern, each field captured, and the fields given to strptime with
 * specifiers it has (`K` as `%I` or `%H`, `k` as `%H`, `C` as `%Y`, fractions as `%g`). Answers a TIMESTAMPTZ.
 */
export function jodaParseSql(tokens: JodaToken[], s: string): string {
  let regex = '';
  const fields: Array<Part | undefined> = [];
  tokens.forEach((token, i) => {
    if (token.kind === 'text') {
      regex += escapeRegex(token.text);
    } else {
      regex += fieldRegex(token, tokens[i + 1]);
      fields.push(partOf(token, tokens, s));
    }
  });
  const full = quoteString(`^${regex}$`);
  const read = fields.flatMap((part, i) => (part ? [{ part, group: `regexp_extract(${s}, ${full}, ${i + 1})` }] : []));
  const year = defaultYear(tokens);
  if (year) read.unshift({ part: { value: () => year.text, specifier: year.format }, group: '' });
  const text = read.length ? `concat_ws(' ', ${read.map(({ part, group }) => part.value(group)).join(', ')})` : "''";
  return `CASE WHEN ${s} IS NULL THEN NULL WHEN NOT regexp_full_match(${s}, ${full}) THEN ${raiseSql(`'Invalid format: "' || ${s} || '"'`)} `
    + `ELSE strptime(${text}, ${quoteString(read.map(({ part }) => part.specifier).join(' '))})::TIMESTAMPTZ END`;
}
