import { MAX_MESSAGE_BYTES, utf8Bytes } from '../limits';
import { DEFAULT_CATALOGUE } from '../measures';
import type { ValidateOptions, ValidationProblem, ValidationResult } from '../sensor-reading';
import { describeValue } from './describe-value';
import { validateMessage, type MessageContext } from './validate-message';

/** The largest raw payload validateMessageText parses (Lambda's synchronous invocation limit). */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * Validates one message or an array of messages of any accepted shape. Never throws on device
 * input: it returns the accepted readings and, for each problem, its message index, path and reason.
 */
export function validateMessages(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const ctx: MessageContext = { receivedAt: options.receivedAt ?? Date.now(), catalogue: options.catalogue ?? DEFAULT_CATALOGUE };
  const maxBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const result: ValidationResult = { accepted: [], problems: [] };
  const isArray = Array.isArray(input);
  const messages: unknown[] = isArray ? input : [input];
  if (isArray && messages.length === 0) {
    result.problems.push({ index: 0, path: '', reason: 'the message is an empty array; expected at least one reading' });
  }
  messages.forEach((message, index) => {
    const prefix = isArray ? `[${index}]` : '';
    const problem = (path: string, reason: string): ValidationProblem => ({ index, path: joinPath(prefix, path), reason });
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      result.problems.push(problem('', `a message must be a JSON object, got ${describeValue(message)}`));
      return;
    }
    const size = messageBytes(message);
    if (size === undefined) {
      result.problems.push(problem('', 'the message cannot be serialized as JSON (a circular reference or a BigInt)'));
      return;
    }
    if (size > maxBytes) {
      result.problems.push(problem('', `the message is ${size} bytes, larger than the ${maxBytes}-byte limit`));
      return;
    }
    const { reading, problems } = validateMessage(message as Record<string, unknown>, ctx);
    for (const p of problems) result.problems.push(problem(p.path, p.reason));
    if (reading) result.accepted.push({ index, reading });
  });
  return result;
}

/** Validates a raw JSON text (a Kinesis record, an SQS body, an MQTT payload). Never throws. */
export function validateMessageText(text: string, options: ValidateOptions = {}): ValidationResult {
  const bytes = utf8Bytes(text);
  const limit = Math.max(options.maxMessageBytes ?? MAX_MESSAGE_BYTES, 0);
  if (bytes > MAX_PAYLOAD_BYTES || (bytes > limit && !text.trimStart().startsWith('['))) {
    return { accepted: [], problems: [{ index: 0, path: '', reason: `the message is ${bytes} bytes, larger than the ${Math.min(limit, MAX_PAYLOAD_BYTES)}-byte limit` }] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { accepted: [], problems: [{ index: 0, path: '', reason: `the message is not valid JSON: ${(error as Error).message}` }] };
  }
  return validateMessages(parsed, options);
}

function messageBytes(message: object): number | undefined {
  try {
    return utf8Bytes(JSON.stringify(message));
  } catch {
    return undefined;
  }
}

function joinPath(prefix: string, path: string): string {
  if (!path) return prefix;
  return prefix ? `${prefix}.${path}` : path;
}
