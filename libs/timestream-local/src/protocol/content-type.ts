import { UnknownOperationException } from '../errors';

/** The one media type of the awsJson1_0 protocol, for requests and responses. */
export const AWS_JSON_1_0 = 'application/x-amz-json-1.0';

/** The media type of a Content-Type header: lower case, parameters (`; charset=...`) and spaces dropped. */
export function mediaTypeOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const semicolon = header.indexOf(';');
  return (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * Refuses a request that is not awsJson1_0. The service routes a request to an operation by its Content-Type
 * and X-Amz-Target together, so one in another media type (text/plain, application/json,
 * application/x-amz-json-1.1) reaches no operation: UnknownOperationException (404), as AWS JSON services answer.
 */
export function requireAwsJson(header: string | undefined): void {
  const media = mediaTypeOf(header);
  if (media === AWS_JSON_1_0) return;
  const given = media === undefined || media === '' ? 'no Content-Type' : `Content-Type '${media}'`;
  throw new UnknownOperationException(`The request has ${given}; the Timestream API accepts only Content-Type ${AWS_JSON_1_0}.`);
}
