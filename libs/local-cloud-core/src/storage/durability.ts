/**
 * When an append counts as stored:
 * - `fsync`: written and flushed to the disk (fdatasync) — survives a crash of the process, of the
 *   operating system and a power cut;
 * - `write`: handed to the operating system (write(2)) — survives a crash or `kill -9` of the
 *   process, not a crash of the machine.
 */
export type Durability = 'fsync' | 'write';

export const DURABILITY_MODES: readonly Durability[] = ['fsync', 'write'];
