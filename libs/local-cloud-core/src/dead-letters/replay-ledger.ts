import { readFile } from 'node:fs/promises';
import type { Durability } from '../storage/durability';
import { GroupCommitFile } from '../storage/group-commit-file';

export interface ReplayMark {
  id: string;
  at: string;
  /** How it went back in: through the topic rule, or into the rule's action (stream or direct action). */
  via: 'rule' | 'action';
}

/**
 * Which dead letters were replayed: JSON lines `{ id, at, via }` in a file beside the dead-letter
 * directory (not in it, so nobody reads the marks as letters). A letter is marked once it is back
 * in the pipeline, so it is never replayed twice.
 */
export class ReplayLedger {
  private constructor(
    private readonly file: GroupCommitFile,
    private readonly ids: Set<string>,
  ) {}

  static async open(file: string, durability: Durability): Promise<ReplayLedger> {
    const text = await readFile(file, 'utf8').catch(() => '');
    const ids = new Set<string>();
    for (const line of text.split('\n')) {
      try {
        const mark = JSON.parse(line) as Partial<ReplayMark>;
        if (typeof mark.id === 'string') ids.add(mark.id);
      } catch {
        // an empty or cut-off line
      }
    }
    return new ReplayLedger(await GroupCommitFile.open(file, durability), ids);
  }

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  async mark(mark: ReplayMark): Promise<void> {
    await this.file.append(Buffer.from(JSON.stringify(mark) + '\n', 'utf8'));
    this.ids.add(mark.id);
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
