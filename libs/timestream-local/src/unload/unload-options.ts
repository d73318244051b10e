import { QueryValidationError } from '../query/errors';

export type UnloadFormat = 'CSV' | 'PARQUET';
export type UnloadCompression = 'GZIP' | 'NONE';

/** The WITH ( … ) options of UNLOAD, with the service's defaults filled in. */
export interface UnloadOptions {
  format: UnloadFormat;
  compression: UnloadCompression;
  partitionedBy: string[];
  encryption: 'SSE_S3' | 'SSE_KMS';
  kmsKey?: string;
  fieldDelimiter: string;
  escapedBy: string;
  includeHeader: boolean;
  /** bytes */
  maxFileSize: number;
}

const MB = 1024 * 1024;
const UNITS: Record<string, number> = { KB: 1024, MB, GB: 1024 * MB };
/** The service's bounds for max_file_size: 16 MB to 78 GB (the largest object UNLOAD writes). */
export const MIN_FILE_SIZE = 16 * MB;
export const MAX_FILE_SIZE = 78 * 1024 * MB;
const CSV_ONLY = new Set(['field_delimiter', 'escaped_by', 'include_header']);
const KNOWN = ['partitioned_by', 'format', 'compression', 'encryption', 'kms_key', 'field_delimiter', 'escaped_by', 'include_header', 'max_file_size'];

/** Splits at top-level commas (not inside quotes or brackets). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      i = end < 0 ? text.length : end;
    } else if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** 'text' → text; a bare word (true) stays as it is. */
function unquote(value: string, name: string): string {
  const quoted = /^'((?:[^']|'')*)'$/.exec(value);
  if (quoted) return quoted[1].replace(/''/g, "'");
  if (/^[A-Za-z0-9_]+$/.test(value)) return value;
  throw new QueryValidationError(`UNLOAD: the value of ${name} must be a string literal like '${name === 'format' ? 'CSV' : 'value'}', got ${value}.`);
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const upper = value.toUpperCase();
  if (!(allowed as readonly string[]).includes(upper)) throw new QueryValidationError(`UNLOAD: ${name} must be one of ${allowed.join(', ')}, got '${value}'.`);
  return upper as T;
}

function character(name: string, value: string): string {
  if ([...value].length !== 1) throw new QueryValidationError(`UNLOAD: ${name} must be a single character, got '${value}'.`);
  if (value === '\n' || value === '\r') throw new QueryValidationError(`UNLOAD: ${name} cannot be a line break.`);
  return value;
}

function fileSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)$/i.exec(value.trim());
  if (!match) throw new QueryValidationError(`UNLOAD: max_file_size must be a number followed by KB, MB or GB (for example '10GB'), got '${value}'.`);
  const bytes = Math.floor(Number(match[1]) * UNITS[match[2].toUpperCase()]);
  if (bytes < MIN_FILE_SIZE || bytes > MAX_FILE_SIZE) throw new QueryValidationError(`UNLOAD: max_file_size must be from 16MB to 78GB, got '${value}'.`);
  return bytes;
}

function columnList(value: string): string[] {
  const array = /^ARRAY\s*\[(.*)\]$/is.exec(value);
  if (!array) throw new QueryValidationError(`UNLOAD: partitioned_by must be ARRAY['column', ...], got ${value}.`);
  const names = splitTopLevel(array[1]).map((item) => {
    const m = /^'((?:[^']|'')*)'$/.exec(item) ?? /^"((?:[^"]|"")*)"$/.exec(item) ?? /^([A-Za-z_][A-Za-z0-9_]*)$/.exec(item);
    if (!m) throw new QueryValidationError(`UNLOAD: partitioned_by lists column names, got ${item}.`);
    return m[1];
  });
  if (names.length === 0) throw new QueryValidationError('UNLOAD: partitioned_by must name at least one column.');
  return names;
}

/** Parses `name = value, …` (the text inside WITH ( … )). */
export function parseUnloadOptions(text: string): UnloadOptions {
  const given = new Map<string, string>();
  for (const part of splitTopLevel(text)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new QueryValidationError(`UNLOAD: options are written name = value, got ${part}.`);
    const name = part.slice(0, eq).trim().toLowerCase();
    if (!KNOWN.includes(name)) throw new QueryValidationError(`UNLOAD: unknown option ${part.slice(0, eq).trim()} (known: ${KNOWN.join(', ')}).`);
    if (given.has(name)) throw new QueryValidationError(`UNLOAD: the option ${name} is given more than once.`);
    given.set(name, part.slice(eq + 1).trim());
  }
  const value = (name: string) => {
    const raw = given.get(name);
    return raw === undefined ? undefined : unquote(raw, name);
  };
  const format = oneOf('format', value('format') ?? 'CSV', ['CSV', 'PARQUET'] as const);
  if (format === 'PARQUET') {
    const csvOnly = [...given.keys()].filter((k) => CSV_ONLY.has(k));
    if (csvOnly.length > 0) throw new QueryValidationError(`UNLOAD: ${csvOnly.join(', ')} can only be used with format = 'CSV'.`);
  }
  const encryption = oneOf('encryption', value('encryption') ?? 'SSE_S3', ['SSE_S3', 'SSE_KMS'] as const);
  const kmsKey = value('kms_key');
  if (kmsKey !== undefined && encryption !== 'SSE_KMS') throw new QueryValidationError("UNLOAD: kms_key can only be used with encryption = 'SSE_KMS'.");
  const header = value('include_header') ?? 'false';
  if (!/^(true|false)$/i.test(header)) throw new QueryValidationError(`UNLOAD: include_header must be 'true' or 'false', got '${header}'.`);
  const partitioned = given.get('partitioned_by');
  return {
    format,
    compression: oneOf('compression', value('compression') ?? 'GZIP', ['GZIP', 'NONE'] as const),
    partitionedBy: partitioned === undefined ? [] : columnList(partitioned),
    encryption,
    ...(kmsKey !== undefined ? { kmsKey } : {}),
    fieldDelimiter: character('field_delimiter', value('field_delimiter') ?? ','),
    escapedBy: character('escaped_by', value('escaped_by') ?? '\\'),
    includeHeader: header.toLowerCase() === 'true',
    maxFileSize: value('max_file_size') === undefined ? MAX_FILE_SIZE : fileSize(value('max_file_size') as string),
  };
}
