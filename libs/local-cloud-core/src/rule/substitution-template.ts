import { RuleSqlError } from '../errors';
import type { Expression } from './iot-sql-ast';
import { evaluateExpression, type MessageContext } from './iot-sql-evaluator';
import { parseIotExpression } from './iot-sql-parser';

type Part = { text: string } | { expression: Expression };

/** An IoT substitution template such as `${device_id}`: literal text with `${expression}` parts. */
export interface SubstitutionTemplate {
  readonly source: string;
  render(payload: unknown, context: MessageContext): string;
}

export function parseSubstitutionTemplate(source: string): SubstitutionTemplate {
  const parts: Part[] = [];
  let i = 0;
  while (i < source.length) {
    const start = source.indexOf('${', i);
    if (start < 0) {
      parts.push({ text: source.slice(i) });
      break;
    }
    if (start > i) parts.push({ text: source.slice(i, start) });
    const end = source.indexOf('}', start);
    if (end < 0) throw new RuleSqlError(`unterminated \${ in template '${source}'`, start);
    parts.push({ expression: parseIotExpression(source.slice(start + 2, end)) });
    i = end + 1;
  }
  return {
    source,
    render(payload, context) {
      return parts
        .map((part) => {
          if ('text' in part) return part.text;
          const value = evaluateExpression(part.expression, payload, context);
          if (value === undefined || value === null) return '';
          return typeof value === 'object' ? JSON.stringify(value) : String(value);
        })
        .join('');
    },
  };
}
