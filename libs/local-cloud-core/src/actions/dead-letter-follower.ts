import path from 'node:path';
import { LOCAL_DEAD_LETTER_PREFIX } from '../dead-letters/dead-letter-store';
import type { PipelineStats } from '../pipeline/pipeline-stats';
import { DeadLetterReader } from './dead-letter-reader';

/**
 * Follows the function's dead-letter files in the directory: every entry written after the start is
 * counted as put aside by the Lambda, with its reason and device (entries already there were
 * counted from disk; the local cloud's own files are counted as they are written). Resolves, once
 * the existing entries are skipped, with the function that stops following.
 */
export async function followDeadLetters(dir: string, stats: PipelineStats, intervalMs = 1000): Promise<() => void> {
  const reader = new DeadLetterReader(dir, (name) => path.basename(name).startsWith(LOCAL_DEAD_LETTER_PREFIX));
  await reader.poll();
  let polling: Promise<void> | undefined;
  const poll = () => {
    polling ??= reader
      .poll()
      .then((letters) =>
        letters.forEach((l) => {
          stats.putAside('lambda', l.reason, l.deviceId);
          stats.deadLetterStored('lambda');
        }),
      )
      .catch(() => undefined)
      .finally(() => (polling = undefined));
  };
  const timer = setInterval(poll, intervalMs);
  return () => clearInterval(timer);
}
