import { z } from 'zod';
import type { MeasureDefinition } from '../measures';
import { describeValue } from './describe-value';

const cache = new WeakMap<MeasureDefinition, z.ZodType<number>>();

/** The zod schema of one measure's value: a finite number within the catalogue's plausible range. */
export function measureValueSchema(def: MeasureDefinition): z.ZodType<number> {
  let schema = cache.get(def);
  if (!schema) {
    schema = z
      .number({
        error: (issue) =>
          typeof issue.input === 'number'
            ? `${def.name} must be a finite number, got ${describeValue(issue.input)}`
            : `${def.name} must be a number, got ${describeValue(issue.input)}`,
      })
      .refine((v) => def.valueType !== 'BIGINT' || Number.isInteger(v), { error: `${def.name} must be a whole number` })
      .refine((v) => v >= def.min && v <= def.max, {
        error: (issue) => `${def.name} ${describeValue(issue.input)} is outside the plausible range ${def.min}..${def.max} ${def.unit}`,
      });
    cache.set(def, schema);
  }
  return schema;
}

/** Returns why `value` is not a valid value of the measure, or undefined. */
export function measureValueProblem(def: MeasureDefinition, value: unknown): string | undefined {
  const result = measureValueSchema(def).safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}
