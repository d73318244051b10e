import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Upper-case alphanumeric identifiers like the service's query ids. */
export function newQueryId(length = 32): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

/** Opaque pagination tokens (URL-safe base64 of random bytes). */
export function newPaginationToken(): string {
  return `AY${randomBytes(48).toString('base64url')}`;
}
