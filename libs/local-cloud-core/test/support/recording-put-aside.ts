import type { LocalDeadLetter } from '../../src/dead-letters/dead-letter-entry';
import { createPutAside, type PutAside } from '../../src/dead-letters/put-aside';
import type { PipelineStats } from '../../src/pipeline/pipeline-stats';

/** createPutAside over a list instead of the dead-letter file (the store has its own tests). */
export function recordingPutAside(stats: PipelineStats): { putAside: PutAside; letters: LocalDeadLetter[] } {
  const letters: LocalDeadLetter[] = [];
  return { putAside: createPutAside({ put: async (letter) => void letters.push(letter) }, stats), letters };
}
