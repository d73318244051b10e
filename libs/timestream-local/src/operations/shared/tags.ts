import { ServiceQuotaExceededException } from '../../errors';
import type { Tag } from '../../storage/resource-types';
import type { InputChecker } from './validate';

export const MAX_TAGS_PER_RESOURCE = 50;

/** Reads a TagList member (Key 1..128, Value 0..256, at most 200 entries). */
export function readTags(check: InputChecker, member: string, value: unknown, required = false): Tag[] {
  const list = check.list(member, { value, required, max: 200 }) ?? [];
  const tags: Tag[] = [];
  list.forEach((item, i) => {
    const tag = check.object(member, { value: item, path: `${member.charAt(0).toLowerCase()}${member.slice(1)}.${i + 1}.member`, required: true });
    if (!tag) return;
    const path = `${member.charAt(0).toLowerCase()}${member.slice(1)}.${i + 1}.member`;
    const key = check.string('Key', { value: tag.Key, path: `${path}.key`, required: true, min: 1, max: 128 });
    const val = check.string('Value', { value: tag.Value, path: `${path}.value`, required: true, min: 0, max: 256 });
    if (key !== undefined && val !== undefined) tags.push({ Key: key, Value: val });
  });
  return tags;
}

/** Merges tags (later keys win) and enforces the per-resource limit. */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.Key, t.Value] as const));
  for (const t of added) byKey.set(t.Key, t.Value);
  if (byKey.size > MAX_TAGS_PER_RESOURCE) throw new ServiceQuotaExceededException(`A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}
