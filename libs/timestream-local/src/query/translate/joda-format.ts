import { positioned, type SourcePosition } from '../errors';

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
  S: (n) => ({ 3: '%g', 6: '%f', 9: '%n' } as Record<number, string>)[n],
  a: () => '%p',
  E: (n) => (n >= 4 ? '%A' : '%a'),
  Z: () => '%z',
  z: () => '%Z',
};

/** A Joda-Time pattern as a strftime format; letters it cannot express are refused, naming the letter. */
export function jodaToStrftime(pattern: string, pos: SourcePosition): string {
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      // quoted literal text; '' is a quote
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) out += "'";
      else out += pattern.slice(i + 1, end < 0 ? pattern.length : end).replace(/%/g, '%%');
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c === '%' ? '%%' : c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    const mapped = LETTERS[c]?.(n);
    if (!mapped) throw positioned(pos, `Joda pattern '${c.repeat(n)}' is not supported`);
    out += mapped;
    i += n;
  }
  return out;
}
