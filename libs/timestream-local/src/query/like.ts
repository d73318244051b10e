/** SQL LIKE matching (`%` any run, `_` one character), used by SHOW ... LIKE. */
export function matchesLike(text: string, pattern: string): boolean {
  // dynamic programming over positions; no regular expressions
  let previous = new Array<boolean>(text.length + 1).fill(false);
  previous[0] = true;
  for (const p of pattern) {
    const current = new Array<boolean>(text.length + 1).fill(false);
    if (p === '%') {
      let seen = false;
      for (let j = 0; j <= text.length; j++) {
        seen = seen || previous[j];
        current[j] = seen;
      }
    } else {
      for (let j = 1; j <= text.length; j++) current[j] = previous[j - 1] && (p === '_' || p === text[j - 1]);
    }
    previous = current;
  }
  return previous[text.length];
}
