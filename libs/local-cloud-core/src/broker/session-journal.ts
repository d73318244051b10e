import type { AedesPacket } from 'aedes-packet';

/** A packet as a journal line holds it: the payload in base64. */
export type StoredPacket = Omit<AedesPacket, 'payload'> & { payload: string };

export interface StoredSubscription {
  topic: string;
  qos: 0 | 1 | 2;
  rh?: number;
  rap?: boolean;
  nl?: boolean;
  subscriptionIdentifier?: number;
}

/** One change of the broker's session state, as a line of the session journal. */
export type JournalEntry =
  | { op: 'retain'; packet: StoredPacket }
  | { op: 'subscribe'; clientId: string; subs: StoredSubscription[] }
  | { op: 'unsubscribe'; clientId: string; topics: string[] }
  | { op: 'clean-subscriptions'; clientId: string }
  | { op: 'enqueue'; clientIds: string[]; packet: StoredPacket }
  | { op: 'update'; clientId: string; packet: StoredPacket }
  | { op: 'clear'; clientId: string; messageId: number }
  | { op: 'incoming'; clientId: string; packet: StoredPacket }
  | { op: 'incoming-del'; clientId: string; messageId: number }
  | { op: 'clean-incoming'; clientId: string }
  | { op: 'will'; clientId: string; packet: StoredPacket }
  | { op: 'will-del'; clientId: string };

export function storePacket(packet: AedesPacket): StoredPacket {
  const raw = (packet as { payload?: unknown }).payload;
  const payload = Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : '');
  return { ...packet, payload: payload.toString('base64') };
}

export function loadPacket(stored: StoredPacket): AedesPacket {
  return { ...stored, payload: Buffer.from(stored.payload, 'base64') } as AedesPacket;
}

/** Parses journal text; a last line cut short by a crash (never acknowledged) is left out. */
export function parseJournal(text: string): { entries: JournalEntry[]; damagedLines: number } {
  const entries: JournalEntry[] = [];
  let damagedLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      damagedLines++;
    }
  }
  return { entries, damagedLines };
}
