import { QueryValidationError } from '../query/errors';
import { parseUnloadOptions, type UnloadOptions } from './unload-options';

/** `UNLOAD (SELECT …) TO 's3://bucket/prefix/' WITH (…)`, taken apart. */
export interface UnloadStatement {
  /** the SELECT between the parentheses */
  select: string;
  bucket: string;
  /** the folder under the bucket, `''` or ending with `/` */
  prefix: string;
  options: UnloadOptions;
}

const UNLOAD_START = /^\s*UNLOAD\s*\(/i;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** True when the query string is an UNLOAD statement (anything else goes to the query engine). */
export function isUnload(queryString: string): boolean {
  return UNLOAD_START.test(queryString);
}

/**
 * Index just past the `)` that closes the `(` at `open`, skipping string literals ('…', with '' inside)
 * and quoted identifiers ("…"); -1 when it is never closed.
 */
export function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return -1;
      i = end; // a doubled quote ('') is two literals side by side: the same scan covers it
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Parses an UNLOAD statement; a QueryValidationError names what is wrong. */
export function parseUnload(queryString: string): UnloadStatement {
  const open = queryString.search(/\(/);
  const close = closingParen(queryString, open);
  if (close < 0) throw new QueryValidationError('UNLOAD: the SELECT statement must be enclosed in parentheses: UNLOAD (SELECT ...) TO \'s3://bucket/folder/\' WITH (...)');
  const select = queryString.slice(open + 1, close - 1).trim();
  if (!/^(SELECT|WITH)\b/i.test(select)) throw new QueryValidationError('UNLOAD: the statement in parentheses must be a SELECT query.');
  const rest = queryString.slice(close);
  const to = /^\s*TO\s+'((?:[^']|'')*)'\s*/i.exec(rest);
  if (!to) throw new QueryValidationError("UNLOAD: expected TO 's3://bucket-name/folder/' after the SELECT statement.");
  const { bucket, prefix } = parseS3Location(to[1].replace(/''/g, "'"));
  const tail = rest.slice(to[0].length);
  let optionsText = '';
  if (tail.trim() !== '' && tail.trim() !== ';') {
    const withOpen = /^WITH\s*\(/i.exec(tail);
    if (!withOpen) throw new QueryValidationError(`UNLOAD: expected WITH ( option = value, ... ) after the TO clause, got "${tail.trim().slice(0, 40)}".`);
    const start = withOpen[0].length - 1;
    const end = closingParen(tail, start);
    if (end < 0) throw new QueryValidationError('UNLOAD: the WITH ( ... ) option list is not closed.');
    if (!/^\s*;?\s*$/.test(tail.slice(end))) throw new QueryValidationError(`UNLOAD: unexpected text after the WITH ( ... ) options: "${tail.slice(end).trim().slice(0, 40)}".`);
    optionsText = tail.slice(start + 1, end - 1);
  }
  return { select, bucket, prefix, options: parseUnloadOptions(optionsText) };
}

/** `s3://bucket/folder/…` into the bucket and a prefix that ends with `/` (or is empty). */
export function parseS3Location(location: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(location);
  if (!match) throw new QueryValidationError(`UNLOAD: the TO location must be an S3 URI like 's3://bucket-name/folder/', got '${location}'.`);
  const bucket = match[1];
  if (!BUCKET.test(bucket)) throw new QueryValidationError(`UNLOAD: '${bucket}' is not a valid S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens).`);
  const folder = (match[2] ?? '').split('/').filter((s) => s !== '');
  if (folder.some((s) => s === '.' || s === '..')) throw new QueryValidationError(`UNLOAD: the TO location may not contain '.' or '..' segments: '${location}'.`);
  return { bucket, prefix: folder.length > 0 ? `${folder.join('/')}/` : '' };
}
