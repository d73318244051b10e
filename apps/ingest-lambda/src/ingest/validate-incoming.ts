import { validateMessages, validateMessageText, type SensorReading, type ValidationProblem } from '@iot-timeseries/schema';
import { messageForLetter, MAX_MESSAGE_TEXT_CHARS, type DeadLetter } from '../dead-letter/dead-letter';
import type { IncomingMessage } from '../events/incoming-message';

/** Where a reading came from: the incoming message (batch item) and the message index inside it. */
export interface ReadingOrigin {
  readonly message: number;
  readonly index: number;
}

export interface ValidatedInput {
  readonly readings: SensorReading[];
  readonly origins: ReadingOrigin[];
  /** One letter per invalid message (all its problems), in input order. */
  readonly invalid: Array<{ readonly message: number; readonly letter: DeadLetter }>;
}

/** Validates every incoming message with libs/schema; never throws on device input. */
export function validateIncoming(messages: readonly IncomingMessage[], at: string): ValidatedInput {
  const out: ValidatedInput = { readings: [], origins: [], invalid: [] };
  messages.forEach((message, m) => {
    const options = { receivedAt: message.receivedAt };
    const result = 'text' in message.payload ? validateMessageText(message.payload.text, options) : validateMessages(message.payload.value, options);
    for (const accepted of result.accepted) {
      out.readings.push(accepted.reading);
      out.origins.push({ message: m, index: accepted.index });
    }
    for (const [index, problems] of groupByIndex(result.problems)) {
      out.invalid.push({ message: m, letter: invalidLetter(message, index, problems, at) });
    }
  });
  return out;
}

function groupByIndex(problems: readonly ValidationProblem[]): Map<number, ValidationProblem[]> {
  const groups = new Map<number, ValidationProblem[]>();
  for (const p of problems) {
    const list = groups.get(p.index);
    if (list) list.push(p);
    else groups.set(p.index, [p]);
  }
  return groups;
}

function invalidLetter(message: IncomingMessage, index: number, problems: ValidationProblem[], at: string): DeadLetter {
  const original = messageAt(message, index);
  const deviceId = (original as { device_id?: unknown } | null)?.device_id;
  return {
    v: 1,
    kind: 'invalid-message',
    at,
    source: message.source,
    item: message.itemId,
    index,
    reason: problems.map((p) => p.reason).join('; '),
    details: problems.map((p) => ({ path: p.path, reason: p.reason })),
    ...(typeof deviceId === 'string' ? { deviceId } : {}),
    message: original,
  };
}

/** The message as received, for the letter: the array element when the payload is an array. */
function messageAt(message: IncomingMessage, index: number): unknown {
  let value: unknown;
  if ('value' in message.payload) value = message.payload.value;
  else {
    const text = message.payload.text;
    if (text.length > MAX_MESSAGE_TEXT_CHARS) return messageForLetter(text);
    try {
      value = JSON.parse(text);
    } catch {
      return messageForLetter(text);
    }
  }
  return Array.isArray(value) && index < value.length ? value[index] : value;
}
