import path from 'node:path';
import type { PipelineStats } from '../pipeline/pipeline-stats';
import type { Durability } from '../storage/durability';
import { readDeadLetters, summarizeDeadLetters } from './dead-letter-files';
import { DeadLetterStore } from './dead-letter-store';
import { createPutAside, type PutAside } from './put-aside';
import { ReplayLedger } from './replay-ledger';

export interface DeadLetters {
  dir: string;
  store: DeadLetterStore;
  putAside: PutAside;
  ledger: ReplayLedger;
  close(): Promise<void>;
}

/**
 * Opens the dead-letter directory of a data directory: the local cloud's own letter file for this
 * start, the replay ledger beside the directory, and the /pipeline totals counted from what is on disk.
 */
export async function openDeadLetters(dataDir: string, durability: Durability, stats: PipelineStats): Promise<DeadLetters> {
  const dir = path.join(dataDir, 'dead-letters');
  const store = await DeadLetterStore.open(dir, durability);
  const ledger = await ReplayLedger.open(path.join(dataDir, 'dead-letter-replays.jsonl'), durability);
  const { byStage, oldest } = summarizeDeadLetters(await readDeadLetters(dir));
  stats.deadLettersOnDisk(byStage, oldest, ledger.size);
  return {
    dir,
    store,
    putAside: createPutAside(store, stats),
    ledger,
    async close() {
      await store.close();
      await ledger.close();
    },
  };
}
