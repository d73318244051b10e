export type ServiceName = 'write' | 'query';

const TARGET_PREFIX = 'Timestream_20181101.';

/** Operation name from `X-Amz-Target: Timestream_20181101.<Operation>`, or undefined. */
export function operationOf(target: string | undefined): string | undefined {
  if (!target || !target.startsWith(TARGET_PREFIX)) return undefined;
  const name = target.slice(TARGET_PREFIX.length);
  return /^[A-Za-z]{1,64}$/.test(name) ? name : undefined;
}

/**
 * Which service a request is for. Operations existing in one service only decide by themselves; the four shared
 * ones (DescribeEndpoints, TagResource, UntagResource, ListTagsForResource) by the SDK's User-Agent token, else by
 * the resource ARN (scheduled queries belong to the query service), else the write service.
 */
export function serviceOf(operation: string, userAgent: string | undefined, body: unknown, inWrite: boolean, inQuery: boolean): ServiceName {
  if (inWrite && !inQuery) return 'write';
  if (inQuery && !inWrite) return 'query';
  const ua = userAgent ?? '';
  if (ua.includes('api/timestream-query#')) return 'query';
  if (ua.includes('api/timestream-write#')) return 'write';
  const arn = body && typeof body === 'object' ? (body as Record<string, unknown>).ResourceARN : undefined;
  if (typeof arn === 'string' && arn.includes(':scheduled-query/')) return 'query';
  return 'write';
}
