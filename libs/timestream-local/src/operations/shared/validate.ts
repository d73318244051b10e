import { ValidationException } from '../../errors';

/** Collects model-constraint violations and throws one ValidationException naming every member (coral style). */
export class InputChecker {
  private readonly problems: string[] = [];

  constructor(private readonly input: Record<string, unknown>) {}

  static of(input: unknown): InputChecker {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new ValidationException('The request body must be a JSON object.');
    return new InputChecker(input as Record<string, unknown>);
  }

  /** The member's value (from `options.value` when given) and path; undefined (noted when required) when absent. */
  private take(member: string, options: { required?: boolean; path?: string; value?: unknown }): { path: string; value: unknown } {
    const path = options.path ?? lowerFirst(member);
    const value = 'value' in options ? options.value : this.input[member];
    if (value !== undefined && value !== null) return { path, value };
    if (options.required) this.fail(value, path, 'Member must not be null');
    return { path, value: undefined };
  }

  private fail(value: unknown, path: string, constraint: string): void {
    const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
    this.problems.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  string(member: string, options: { required?: boolean; min?: number; max?: number; pattern?: RegExp; path?: string; value?: unknown } = {}): string | undefined {
    const { path, value } = this.take(member, options);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.fail(value, path, 'Member must be a string');
      return undefined;
    }
    const length = [...value].length;
    if (options.min !== undefined && length < options.min) this.fail(value, path, `Member must have length greater than or equal to ${options.min}`);
    else if (options.max !== undefined && length > options.max) this.fail(value, path, `Member must have length less than or equal to ${options.max}`);
    else if (options.pattern && !options.pattern.test(value)) this.fail(value, path, `Member must satisfy regular expression pattern: ${options.pattern.source.replace(/^\^|\$$/g, '')}`);
    return value;
  }

  integer(member: string, options: { required?: boolean; min?: number; max?: number; path?: string; value?: unknown } = {}): number | undefined {
    const { path, value } = this.take(member, options);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(value, path, 'Member must be an integer');
      return undefined;
    }
    if (options.min !== undefined && value < options.min) this.fail(value, path, `Member must have value greater than or equal to ${options.min}`);
    else if (options.max !== undefined && value > options.max) this.fail(value, path, `Member must have value less than or equal to ${options.max}`);
    return value;
  }

  boolean(member: string, options: { required?: boolean; path?: string; value?: unknown } = {}): boolean | undefined {
    const { path, value } = this.take(member, options);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.fail(value, path, 'Member must be a boolean');
      return undefined;
    }
    return value;
  }

  /** An awsJson timestamp: epoch seconds (a fraction allowed); returned in epoch milliseconds. */
  timestamp(member: string, options: { required?: boolean; path?: string; value?: unknown } = {}): number | undefined {
    const { path, value } = this.take(member, options);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(value, path, 'Member must be a timestamp (epoch seconds)');
      return undefined;
    }
    return Math.round(value * 1000);
  }

  enumValue<T extends string>(member: string, allowed: readonly T[], options: { required?: boolean; path?: string; value?: unknown } = {}): T | undefined {
    const { path, value } = this.take(member, options);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(value, path, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
      return undefined;
    }
    return value as T;
  }

  list(member: string, options: { required?: boolean; min?: number; max?: number; path?: string; value?: unknown } = {}): unknown[] | undefined {
    const { path, value } = this.take(member, options);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.fail(value, path, 'Member must be a list');
      return undefined;
    }
    if (options.min !== undefined && value.length < options.min) this.fail(`[${value.length} items]`, path, `Member must have length greater than or equal to ${options.min}`);
    else if (options.max !== undefined && value.length > options.max) this.fail(`[${value.length} items]`, path, `Member must have length less than or equal to ${options.max}`);
    return value;
  }

  object(member: string, options: { required?: boolean; path?: string; value?: unknown } = {}): Record<string, unknown> | undefined {
    const { path, value } = this.take(member, options);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(value, path, 'Member must be a structure');
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  /** Throws when anything failed. */
  done(): void {
    if (this.problems.length === 0) return;
    const n = this.problems.length;
    throw new ValidationException(`${n} validation error${n > 1 ? 's' : ''} detected: ${this.problems.join('; ')}`);
  }
}

export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export const RESOURCE_CREATE_NAME = { min: 3, max: 256, pattern: /^[a-zA-Z0-9_.-]+$/ };
export const RESOURCE_NAME = { min: 1 };
