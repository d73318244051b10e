/** What the index knows of a stored record: its version and the hash of its measure values. */
export interface IndexEntry {
  version: number;
  hash: number;
}

const MIN_CAPACITY = 1024;

/**
 * In-memory index of the stored records of one table, keyed by record fingerprint: version, value hash and time
 * (ms, for retention). An open-addressing hash table over typed arrays (load at most 1/2): 37 bytes per slot,
 * 75-150 bytes per record, and no per-record heap objects, so a large index costs the garbage collector nothing.
 */
export class RecordIndex {
  private keys = new Int32Array(MIN_CAPACITY * 3);
  private used = new Uint8Array(MIN_CAPACITY);
  private versions = new Float64Array(MIN_CAPACITY);
  private hashes = new Float64Array(MIN_CAPACITY);
  private times = new Float64Array(MIN_CAPACITY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  private get capacity(): number {
    return this.used.length;
  }

  /** slot holding the fingerprint (f0, f1, f2), or the empty slot where it would go */
  private probe(f0: number, f1: number, f2: number): number {
    const mask = this.capacity - 1;
    let slot = (f0 ^ f2) & mask;
    while (this.used[slot] === 1) {
      const at = slot * 3;
      if (this.keys[at] === f0 && this.keys[at + 1] === f1 && this.keys[at + 2] === f2) return slot;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  get(f0: number, f1: number, f2: number): IndexEntry | undefined {
    const slot = this.probe(f0, f1, f2);
    return this.used[slot] === 1 ? { version: this.versions[slot], hash: this.hashes[slot] } : undefined;
  }

  set(f0: number, f1: number, f2: number, version: number, hash: number, timeMs: number): void {
    if ((this.count + 1) * 2 > this.capacity) this.resize(this.capacity * 2);
    const slot = this.probe(f0, f1, f2);
    if (this.used[slot] === 0) {
      this.used[slot] = 1;
      this.keys[slot * 3] = f0;
      this.keys[slot * 3 + 1] = f1;
      this.keys[slot * 3 + 2] = f2;
      this.count++;
    }
    this.versions[slot] = version;
    this.hashes[slot] = hash;
    this.times[slot] = timeMs;
  }

  /** Forgets records older than the cutoff (they were deleted by retention). */
  pruneBefore(cutoffMs: number): void {
    let stale = false;
    for (let slot = 0; slot < this.capacity && !stale; slot++) stale = this.used[slot] === 1 && this.times[slot] < cutoffMs;
    if (stale) this.resize(this.capacity, cutoffMs);
  }

  /** Rebuilds the table at `capacity` slots, keeping entries at or after `keepFromMs`. */
  private resize(capacity: number, keepFromMs = -Infinity): void {
    const { keys, used, versions, hashes, times } = this;
    this.keys = new Int32Array(capacity * 3);
    this.used = new Uint8Array(capacity);
    this.versions = new Float64Array(capacity);
    this.hashes = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.count = 0;
    for (let slot = 0; slot < used.length; slot++) {
      if (used[slot] === 0 || times[slot] < keepFromMs) continue;
      this.set(keys[slot * 3], keys[slot * 3 + 1], keys[slot * 3 + 2], versions[slot], hashes[slot], times[slot]);
    }
  }
}
