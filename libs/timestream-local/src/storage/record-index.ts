/** In-memory index of stored records of one table: key -> [version, value hash, time ms]. */
export type IndexEntry = [version: number, hash: number, timeMs: number];

export class RecordIndex {
  private readonly entries = new Map<string, IndexEntry>();

  get size(): number {
    return this.entries.size;
  }

  get(key: string): IndexEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: IndexEntry): void {
    this.entries.set(key, entry);
  }

  /** Forgets records older than the cutoff (they were deleted by retention). */
  pruneBefore(cutoffMs: number): void {
    for (const [key, entry] of this.entries) if (entry[2] < cutoffMs) this.entries.delete(key);
  }
}
