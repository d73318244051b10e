import type { FrameBound, WindowSpec } from '../ast';
import type { TranslationContext } from './context';
import { translateOrderItems } from './order-by';
import type { Scope } from './scope';

/** `OVER (PARTITION BY ... ORDER BY ... ROWS|RANGE ...)` for a window spec. */
export function translateWindow(ctx: TranslationContext, spec: WindowSpec, scope: Scope): string {
  const parts: string[] = [];
  if (spec.partitionBy.length > 0) {
    const keys = spec.partitionBy.map((key) => ctx.expr(key, scope).sql);
    parts.push(`PARTITION BY ${keys.join(', ')}`);
  }
  if (spec.orderBy.length > 0) parts.push(`ORDER BY ${translateOrderItems(ctx, spec.orderBy, scope).join(', ')}`);
  if (spec.frame) {
    const bound = (b: FrameBound): string => frameBound(ctx, b, scope);
    const type = spec.frame.type.toUpperCase();
    parts.push(spec.frame.end ? `${type} BETWEEN ${bound(spec.frame.start)} AND ${bound(spec.frame.end)}` : `${type} ${bound(spec.frame.start)}`);
  }
  return `OVER (${parts.join(' ')})`;
}

function frameBound(ctx: TranslationContext, bound: FrameBound, scope: Scope): string {
  switch (bound.kind) {
    case 'unboundedPreceding': return 'UNBOUNDED PRECEDING';
    case 'unboundedFollowing': return 'UNBOUNDED FOLLOWING';
    case 'currentRow': return 'CURRENT ROW';
    case 'preceding': return `${ctx.expr(bound.offset, scope).sql} PRECEDING`;
    case 'following': return `${ctx.expr(bound.offset, scope).sql} FOLLOWING`;
  }
}
