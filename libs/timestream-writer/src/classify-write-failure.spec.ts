import { InternalServerException, ThrottlingException, ValidationException } from '@aws-sdk/client-timestream-write';
import { classifyRejectedReason, classifyRequestError, describeError } from './classify-write-failure';

const meta = { $metadata: { httpStatusCode: 500 } };

describe('classifyRejectedReason', () => {
  it.each([
    'The record timestamp is outside the time range [2023-02-13T19:22:45.051Z, 2023-02-20T20:02:45.051Z) of the memory store.',
    'A record already exists with the same time, dimensions, measure name, and record version. A higher record version must be specified in order to update the measure value.',
    'The record version 2 is lower than the existing version 200. A higher version is required to update the measure value.',
    'Invalid time for record.',
  ])('treats "%s" as permanent', (reason) => expect(classifyRejectedReason(reason)).toBe('permanent'));

  it.each(['Internal server error', 'Request throttled, try again'])('treats "%s" as transient', (reason) => expect(classifyRejectedReason(reason)).toBe('retry'));
});

describe('classifyRequestError', () => {
  it('retries throttling, 5xx, network and unknown errors; only an invalid request is permanent', () => {
    expect(classifyRequestError(new ThrottlingException({ message: 'slow down', Message: 'slow down', $metadata: {} }))).toBe('retry');
    expect(classifyRequestError(new InternalServerException({ message: 'boom', Message: 'boom', ...meta }))).toBe('retry');
    expect(classifyRequestError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('retry');
    expect(classifyRequestError(new ValidationException({ message: 'bad', Message: 'bad', $metadata: {} }))).toBe('permanent');
  });

  it('describes an SDK error with its name and HTTP status', () => {
    expect(describeError(new InternalServerException({ message: 'boom', Message: 'boom', ...meta }))).toBe('InternalServerException (HTTP 500): boom');
  });
});
