import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes the bundle's files under `dir`, removing files of an earlier bundle that it no longer has. */
export function writeBundle(dir: string, files: Record<string, string>): string[] {
  for (const stale of listFiles(dir)) if (!(stale in files)) rmSync(path.join(dir, stale));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return Object.keys(files).sort();
}

/** The paths whose content under `dir` differs from the bundle (missing, changed or extra files). */
export function bundleDifferences(dir: string, files: Record<string, string>): string[] {
  const onDisk = new Set(listFiles(dir));
  const differ = Object.entries(files)
    .filter(([relative, content]) => !onDisk.has(relative) || readFileSync(path.join(dir, relative), 'utf8') !== content)
    .map(([relative]) => relative);
  return [...differ, ...[...onDisk].filter((f) => !(f in files))].sort();
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(path.join(dir, prefix))) return [];
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}
