import type { PutAsideSource } from '@iot-timeseries/local-cloud-client';
import type { PipelineStats } from '../pipeline/pipeline-stats';
import type { DeadLetterStage, LocalDeadLetter } from './dead-letter-entry';

/** Keeps something aside: resolves once its dead letter is stored; rejects when it could not be. */
export type PutAside = (letter: Omit<LocalDeadLetter, 'v' | 'at'>) => Promise<void>;

/** Where a letter goes: the dead-letter store (or anything that stores a letter the same way). */
export interface DeadLetterSink {
  put(letter: LocalDeadLetter): Promise<void>;
}

const SOURCE: Record<DeadLetterStage, PutAsideSource> = { rule: 'rule', stream: 'stream', 'timestream-action': 'timestream-action' };

/** Stores the letter, then counts it on /pipeline (only what is kept is counted). */
export function createPutAside(sink: DeadLetterSink, stats: PipelineStats, now: () => number = Date.now): PutAside {
  return async (letter) => {
    const at = now();
    await sink.put({ v: 1, at: new Date(at).toISOString(), ...letter });
    stats.putAside(SOURCE[letter.stage], letter.reason, letter.deviceId, at);
    stats.deadLetterStored(letter.stage);
  };
}
