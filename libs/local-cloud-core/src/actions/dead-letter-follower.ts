import type { PipelineStats } from '../pipeline/pipeline-stats';
import { DeadLetterReader } from './dead-letter-reader';

/**
 * Follows the function's dead-letter directory: every new entry is counted as put aside by the
 * Lambda, with its reason and device. Returns the function that stops following.
 */
export function followDeadLetters(dir: string, stats: PipelineStats, intervalMs = 1000): () => void {
  const reader = new DeadLetterReader(dir);
  let polling: Promise<void> | undefined;
  const poll = () => {
    polling ??= reader
      .poll()
      .then((letters) => letters.forEach((l) => stats.putAside('lambda', l.reason, l.deviceId)))
      .catch(() => undefined)
      .finally(() => (polling = undefined));
  };
  const timer = setInterval(poll, intervalMs);
  return () => clearInterval(timer);
}
