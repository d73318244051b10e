import { IngestEnvironmentError } from '../errors';

/** An environment as the runtime hands it over (process.env or a plain object). */
export type EnvironmentSource = Readonly<Record<string, string | undefined>>;

/** The trimmed value of `name`, or undefined when it is unset or blank. */
export function optionalValue(env: EnvironmentSource, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** The trimmed value of `name`; throws naming it when it is unset or blank. */
export function requiredValue(env: EnvironmentSource, name: string): string {
  const value = optionalValue(env, name);
  if (!value) throw new IngestEnvironmentError(name, `environment variable ${name} is required`);
  return value;
}

/** Throws naming the variable unless `value` is an http(s) URL. */
export function checkHttpUrl(name: string, value: string): void {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch (cause) {
    throw new IngestEnvironmentError(name, `"${value}" is not a URL`, { cause });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new IngestEnvironmentError(name, `"${value}" must be an http(s) URL`);
}

/** `text` as a whole number in `range`; throws naming the variable otherwise. */
export function wholeNumber(name: string, text: string, range: { readonly min: number; readonly max: number }): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new IngestEnvironmentError(name, `"${text}" must be a whole number in ${range.min}..${range.max}`);
  }
  return value;
}

/**
 * The whole-number variables among `values` (the keys of `ranges`), each checked against its range and written
 * under its variable name into `out`; keys left undefined are left out.
 */
export function setWholeNumbers<K extends string>(
  out: Record<string, string>,
  names: Readonly<Record<NoInfer<K>, string>>,
  ranges: Readonly<Record<K, { readonly min: number; readonly max: number }>>,
  values: Partial<Record<NoInfer<K>, number | string>>,
): void {
  for (const key of Object.keys(ranges) as K[]) {
    const value = values[key];
    if (value !== undefined) out[names[key]] = String(wholeNumber(names[key], String(value), ranges[key]));
  }
}
