import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One entry of the dead-letter directory, whoever wrote it, with its id (`<file>#<line>`). */
export interface StoredDeadLetter {
  id: string;
  file: string;
  line: number;
  entry: Record<string, unknown>;
}

/** Where an entry was put aside: the local cloud's letters say it, the Lambda's are the Lambda's. */
export function stageOf(entry: Record<string, unknown>): string {
  return typeof entry.stage === 'string' ? entry.stage : 'lambda';
}

/**
 * Reads every complete JSON line of the `.jsonl` files in the dead-letter directory (files are only
 * ever appended to, so `file#line` stays the entry's id). A line that is not JSON is skipped: it is
 * the end of a file still being written.
 */
export async function readDeadLetters(dir: string): Promise<StoredDeadLetter[]> {
  let names: string[];
  try {
    names = ((await readdir(dir, { recursive: true })) as string[]).filter((n) => n.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  const out: StoredDeadLetter[] = [];
  for (const file of names) {
    const text = await readFile(path.join(dir, file), 'utf8').catch(() => '');
    const lines = text.split('\n');
    // The last piece has no newline yet: a line still being written.
    lines.pop();
    lines.forEach((text, i) => {
      if (!text.trim()) return;
      try {
        const entry = JSON.parse(text);
        if (entry && typeof entry === 'object' && !Array.isArray(entry)) out.push({ id: `${file}#${i + 1}`, file, line: i + 1, entry });
      } catch {
        // not a complete entry
      }
    });
  }
  return out;
}

/** Counts by stage and the oldest time, for /pipeline's dead-letter totals. */
export function summarizeDeadLetters(letters: readonly StoredDeadLetter[]): { byStage: Record<string, number>; oldest: string | null } {
  const byStage: Record<string, number> = {};
  let oldest: string | null = null;
  for (const { entry } of letters) {
    const stage = stageOf(entry);
    byStage[stage] = (byStage[stage] ?? 0) + 1;
    if (typeof entry.at === 'string' && (oldest === null || entry.at < oldest)) oldest = entry.at;
  }
  return { byStage, oldest };
}
