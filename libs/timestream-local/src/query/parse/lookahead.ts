import type { TokenCursor } from '../token-cursor';
import { MAX_NESTING } from './context';

/**
 * After an opening parenthesis: whether a query follows (possibly behind more parentheses). Looks past at most
 * MAX_NESTING of them: more are refused as too deep whatever follows, and scanning a run of 100,000 at each of its
 * levels would take seconds.
 */
export function looksLikeQuery(cursor: TokenCursor): boolean {
  let k = 0;
  while (k <= MAX_NESTING && cursor.isOp('(', k)) k++;
  return cursor.isWord('select', k) || cursor.isWord('with', k);
}

/** Whether a lambda starts here: `x ->`, `() ->` or `(x, y) ->`. */
export function looksLikeLambda(cursor: TokenCursor): boolean {
  if (cursor.isIdentifier() && cursor.isOp('->', 1)) return true;
  if (!cursor.isOp('(')) return false;
  let k = 1;
  if (cursor.isOp(')', k)) return cursor.isOp('->', k + 1);
  for (;;) {
    if (!cursor.isIdentifier(k)) return false;
    k++;
    if (cursor.isOp(')', k)) return cursor.isOp('->', k + 1);
    if (!cursor.isOp(',', k)) return false;
    k++;
  }
}
