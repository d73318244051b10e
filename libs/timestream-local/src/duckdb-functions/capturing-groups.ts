/**
 * The capturing groups of a regular expression: `(` not escaped, outside a character class, not `(?:`, `(?i)` or
 * other `(?` forms but `(?P<name>` and `(?<name>`.
 */
export function capturingGroups(pattern: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && (pattern[i + 1] !== '?' || pattern.startsWith('?P<', i + 1) || (pattern[i + 2] === '<' && pattern[i + 3] !== '=' && pattern[i + 3] !== '!'))) count++;
  }
  return count;
}
