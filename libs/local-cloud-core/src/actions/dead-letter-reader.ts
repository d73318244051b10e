import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface DeadLetter {
  file: string;
  reason: string;
  deviceId?: string;
}

/**
 * Follows the folder the function puts rejected input into (DEAD_LETTER_DIR): reads each new file once
 * (JSON, a JSON array, or JSON lines) and pulls out the reasons, whatever the exact shape of an entry
 * (`reason`, `reasons[]`, `problems[].reason`, `errors[].reason`).
 */
export class DeadLetterReader {
  private readonly seen = new Map<string, number>();

  /** `ignore` leaves out files by name (relative to the directory). */
  constructor(
    private readonly dir: string,
    private readonly ignore: (name: string) => boolean = () => false,
  ) {}

  async poll(): Promise<DeadLetter[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir, { recursive: true })) as string[];
    } catch {
      return [];
    }
    const out: DeadLetter[] = [];
    for (const name of names.sort()) {
      if (this.ignore(name)) continue;
      const file = path.join(this.dir, name);
      let size: number;
      try {
        const info = await stat(file);
        if (!info.isFile()) continue;
        size = info.size;
      } catch {
        continue;
      }
      const before = this.seen.get(file) ?? 0;
      if (size <= before) continue;
      const text = (await readFile(file, 'utf8')).slice(before);
      // Only consume complete content (JSON lines may still be being appended).
      const end = text.lastIndexOf('\n');
      const usable = end >= 0 ? text.slice(0, end + 1) : isCompleteJson(text) ? text : '';
      if (!usable) continue;
      this.seen.set(file, before + Buffer.byteLength(usable));
      for (const entry of parseEntries(usable)) out.push(...reasonsOf(entry).map((r) => ({ file: name, ...r })));
    }
    return out;
  }
}

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parseEntries(text: string): unknown[] {
  try {
    const whole = JSON.parse(text);
    return Array.isArray(whole) ? whole : [whole];
  } catch {
    return text
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l) => {
        try {
          return [JSON.parse(l)];
        } catch {
          return [{ reason: l.slice(0, 300) }];
        }
      });
  }
}

function reasonsOf(entry: unknown): Array<{ reason: string; deviceId?: string }> {
  if (!entry || typeof entry !== 'object') return [];
  const e = entry as Record<string, unknown>;
  const deviceId = findDeviceId(e);
  const reasons: string[] = [];
  if (typeof e.reason === 'string') reasons.push(e.reason);
  for (const key of ['reasons', 'problems', 'errors']) {
    const list = e[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (typeof item === 'string') reasons.push(item);
      else if (item && typeof item === 'object' && typeof (item as { reason?: unknown }).reason === 'string') reasons.push((item as { reason: string }).reason);
    }
  }
  if (reasons.length === 0 && Array.isArray(e.items)) return e.items.flatMap((i) => reasonsOf(i));
  return reasons.map((reason) => ({ reason, deviceId }));
}

function findDeviceId(e: Record<string, unknown>): string | undefined {
  for (const holder of [e, e.message, e.input, e.reading, e.record]) {
    if (holder && typeof holder === 'object') {
      const h = holder as Record<string, unknown>;
      if (typeof h.device_id === 'string') return h.device_id;
      if (typeof h.deviceId === 'string') return h.deviceId;
    }
  }
  return undefined;
}
