import { QueryParameterError } from '../errors';

/**
 * A placeholder that a query front end replaces before the query reaches Timestream: a macro of
 * the Grafana Timestream plugin (`$__timeFilter`, `$__interval_ms`, `$__database`) or a dashboard
 * variable (`$device`, `${device}`, `${device:csv}`). It is written into the SQL as it is. It can
 * hold no quote, space, dot or operator, so by itself it cannot change a query's structure; what
 * the front end puts in its place is the front end's business (the plugin quotes the values of a
 * multi-value variable as `'a','b'` literals, doubling quotes inside).
 */
export interface TemplateToken {
  readonly kind: 'template';
  readonly text: string;
}

const TOKEN = /^\$(?:__[A-Za-z_]+|[A-Za-z_]\w*|\{[A-Za-z_]\w*(?::[A-Za-z]+)?\})$/;

export function templateToken(text: string, parameter = 'template'): TemplateToken {
  if (typeof text !== 'string' || !TOKEN.test(text)) {
    throw new QueryParameterError(`${parameter} must be a template token like $__timeFilter, $device or \${device}, got ${JSON.stringify(text)}`);
  }
  return { kind: 'template', text };
}

export function isTemplateToken(value: unknown): value is TemplateToken {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'template';
}
