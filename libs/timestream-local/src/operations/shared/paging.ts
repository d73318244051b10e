import { ValidationException } from '../../errors';

/** Pages a name-sorted list: NextToken is an opaque token carrying the last name returned. */
export function page<T>(items: T[], nameOf: (item: T) => string, maxResults: number | undefined, nextToken: string | undefined): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    let after: string;
    try {
      const decoded = JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8')) as { after?: unknown };
      if (typeof decoded.after !== 'string') throw new Error('no position');
      after = decoded.after;
    } catch (cause) {
      throw new ValidationException('Invalid pagination token', { cause });
    }
    start = items.findIndex((item) => nameOf(item) > after);
    if (start < 0) start = items.length;
  }
  const size = maxResults ?? items.length;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length && slice.length > 0;
  return { items: slice, ...(more ? { nextToken: Buffer.from(JSON.stringify({ after: nameOf(slice[slice.length - 1]) })).toString('base64url') } : {}) };
}
