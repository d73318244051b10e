/** What the index knows of a stored record: its version and the hash of its measure values. */
export interface IndexEntry {
  version: number;
  hash: number;
}

const MIN_CAPACITY = 1024;

/** Entries whose times are sampled to choose an eviction cutoff. */
const TIME_SAMPLES = 2048;

/**
 * In-memory index of stored records of one table, keyed by record fingerprint: version, value hash and time
 * (ms, for retention and eviction). An open-addressing hash table over typed arrays (load at most 1/2): 37 bytes
 * per slot, 37-74 bytes per entry, and no per-entry heap objects, so it costs the garbage collector nothing.
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

  has(f0: number, f1: number, f2: number): boolean {
    return this.used[this.probe(f0, f1, f2)] === 1;
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

  /**
   * Forgets the oldest entries until at most `target` remain (about: entries of one time go together); returns the
   * time from which on every entry was kept (entries older than it are gone, none at or after it).
   */
  evictOldest(target: number): number {
    let cutoff = -Infinity;
    while (this.count > target) {
      const next = Math.max(this.timeQuantile(1 - target / this.count), cutoff);
      // many entries of one time: that time goes too
      cutoff = next > cutoff ? next : this.nextTimeAfter(next);
      this.resize(this.capacity, cutoff);
    }
    return cutoff;
  }

  /** About the time below which `fraction` of the entries lie, from a sample of them. */
  private timeQuantile(fraction: number): number {
    const step = Math.max(1, Math.floor(this.capacity / (TIME_SAMPLES * 2)));
    const times: number[] = [];
    for (let slot = 0; slot < this.capacity; slot += step) if (this.used[slot] === 1) times.push(this.times[slot]);
    times.sort((a, b) => a - b);
    return times[Math.min(times.length - 1, Math.floor(times.length * fraction))];
  }

  /** The smallest entry time after `time` (Infinity when none). */
  private nextTimeAfter(time: number): number {
    let next = Infinity;
    for (let slot = 0; slot < this.capacity; slot++) if (this.used[slot] === 1 && this.times[slot] > time && this.times[slot] < next) next = this.times[slot];
    return next;
  }

  /** Forgets every entry. */
  clear(): void {
    this.resize(MIN_CAPACITY, Infinity);
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
