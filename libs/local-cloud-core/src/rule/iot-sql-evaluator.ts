import { randomUUID } from 'node:crypto';
import type { Expression, SelectStatement } from './iot-sql-ast';

/** What a rule sees of one MQTT message besides its payload. */
export interface MessageContext {
  topic: string;
  clientId: string;
  /** Broker receive time, epoch ms (`timestamp()`). */
  receivedAt: number;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Value = JsonValue | undefined;

/** Evaluates an expression against a payload; a missing field is `undefined` (IoT's "Undefined"). */
export function evaluateExpression(expression: Expression, payload: unknown, context: MessageContext): Value {
  switch (expression.type) {
    case 'literal':
      return expression.value;
    case 'field': {
      let current: unknown = payload;
      for (const name of expression.path) {
        if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
        current = (current as Record<string, unknown>)[name];
      }
      return current as Value;
    }
    case 'call':
      return callFunction(expression.name, expression.args.map((a) => evaluateExpression(a, payload, context)), context);
    case 'unary': {
      const operand = evaluateExpression(expression.operand, payload, context);
      if (expression.operator === 'NOT') return typeof operand === 'boolean' ? !operand : undefined;
      return typeof operand === 'number' ? -operand : undefined;
    }
    case 'binary': {
      const left = evaluateExpression(expression.left, payload, context);
      const right = evaluateExpression(expression.right, payload, context);
      return applyOperator(expression.operator, left, right);
    }
  }
}

function applyOperator(operator: string, left: Value, right: Value): Value {
  switch (operator) {
    case 'AND':
      return left === true && right === true;
    case 'OR':
      return left === true || right === true;
    case '=':
      return left !== undefined && right !== undefined && left === right;
    case '<>':
      return left !== undefined && right !== undefined && left !== right;
  }
  if (typeof left === 'number' && typeof right === 'number') {
    switch (operator) {
      case '<': return left < right;
      case '<=': return left <= right;
      case '>': return left > right;
      case '>=': return left >= right;
      case '+': return left + right;
      case '-': return left - right;
      case '*': return left * right;
      case '/': return right === 0 ? undefined : left / right;
      case '%': return right === 0 ? undefined : left % right;
    }
  }
  if (typeof left === 'string' && typeof right === 'string') {
    switch (operator) {
      case '<': return left < right;
      case '<=': return left <= right;
      case '>': return left > right;
      case '>=': return left >= right;
      case '+': return left + right;
    }
  }
  return undefined;
}

function callFunction(name: string, args: Value[], context: MessageContext): Value {
  switch (name) {
    case 'clientid':
      return context.clientId;
    case 'timestamp':
      return context.receivedAt;
    case 'topic': {
      if (args.length === 0) return context.topic;
      const level = args[0];
      // topic(1) is the first level (1-based), like IoT Core.
      if (typeof level !== 'number') return undefined;
      return context.topic.split('/')[level - 1];
    }
    case 'newuuid':
      return randomUUID();
    case 'abs':
      return typeof args[0] === 'number' ? Math.abs(args[0]) : undefined;
    case 'lower':
      return typeof args[0] === 'string' ? args[0].toLowerCase() : undefined;
    case 'upper':
      return typeof args[0] === 'string' ? args[0].toUpperCase() : undefined;
    default:
      return undefined;
  }
}

/** The output name of an unaliased select item: a field's last segment, a function's name. */
export function defaultColumnName(expression: Expression, position: number): string {
  if (expression.type === 'field') return expression.path[expression.path.length - 1];
  if (expression.type === 'call') return expression.name;
  return `_${position + 1}`;
}

/**
 * Applies SELECT and WHERE to a payload object. Returns undefined when WHERE does not hold.
 * Fields that evaluate to Undefined are left out of the result, as IoT Core does.
 */
export function applySelect(statement: SelectStatement, payload: Record<string, JsonValue>, context: MessageContext): Record<string, JsonValue> | undefined {
  if (statement.where && evaluateExpression(statement.where, payload, context) !== true) return undefined;
  const out: Record<string, JsonValue> = {};
  statement.select.forEach((item, position) => {
    if (item.type === 'all') {
      Object.assign(out, payload);
      return;
    }
    const value = evaluateExpression(item.expression, payload, context);
    if (value !== undefined) out[item.alias ?? defaultColumnName(item.expression, position)] = value;
  });
  return out;
}
