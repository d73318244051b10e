// aedes-persistence types its in-memory implementation under types/, not beside the file: the shim maps the path.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./aedes-persistence-memory.d.ts" />
import type { Client, Subscription } from 'aedes';
import type { AedesPacket } from 'aedes-packet';
import MemoryPersistence from 'aedes-persistence/asyncPersistence.js';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StorageError } from '../errors';
import type { Durability } from '../storage/durability';
import { GroupCommitFile } from '../storage/group-commit-file';
import { loadPacket, parseJournal, storePacket, type JournalEntry, type StoredSubscription } from './session-journal';

type BrokerRef = Parameters<MemoryPersistence['setup']>[0];
const client = (id: string) => ({ id }) as unknown as Client;

async function collect<T>(stream: Readable): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item as T);
  return out;
}

/**
 * The broker's session state (subscriptions of persistent sessions, queued QoS 1/2 messages,
 * in-flight packets, retained messages, wills) kept in memory by aedes-persistence's own
 * implementation and journaled to a file: each change resolves once its journal line is stored
 * (group commit), and `setup` replays the journal, then compacts it to the state it describes.
 */
export class SessionPersistence extends MemoryPersistence {
  private journal?: GroupCommitFile;
  private replaying = false;
  private readonly clients = new Set<string>();
  private readonly incoming = new Map<string, Set<number>>();
  /** Journal lines left out at start because a crash cut them short. */
  damagedLines = 0;

  constructor(
    private readonly file: string,
    private readonly durability: Durability,
  ) {
    super();
  }

  override async setup(broker: BrokerRef): Promise<void> {
    await super.setup(broker);
    await mkdir(path.dirname(this.file), { recursive: true });
    const text = await readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(new StorageError(`could not read ${this.file}`, { cause: error }))));
    const { entries, damagedLines } = parseJournal(text);
    this.damagedLines = damagedLines;
    this.replaying = true;
    try {
      for (const entry of entries) await this.apply(entry);
    } finally {
      this.replaying = false;
    }
    await this.compact();
    this.journal = await GroupCommitFile.open(this.file, this.durability);
  }

  override async storeRetained(packet: AedesPacket): Promise<void> {
    await super.storeRetained(packet);
    await this.record({ op: 'retain', packet: storePacket(packet) });
  }

  override async addSubscriptions(c: Client, subs: Subscription[]): Promise<void> {
    await super.addSubscriptions(c, subs);
    this.clients.add(c.id);
    await this.record({ op: 'subscribe', clientId: c.id, subs: subs.map((s) => ({ ...s }) as StoredSubscription) });
  }

  override async removeSubscriptions(c: Client, topics: string[]): Promise<void> {
    await super.removeSubscriptions(c, topics);
    await this.record({ op: 'unsubscribe', clientId: c.id, topics });
  }

  override async cleanSubscriptions(c: Client): Promise<void> {
    await super.cleanSubscriptions(c);
    await this.record({ op: 'clean-subscriptions', clientId: c.id });
  }

  override async outgoingEnqueue(sub: { clientId: string }, packet: AedesPacket): Promise<void> {
    await this.outgoingEnqueueCombi([sub], packet);
  }

  override async outgoingEnqueueCombi(subs: { clientId: string }[], packet: AedesPacket): Promise<void> {
    await super.outgoingEnqueueCombi(subs, packet);
    if (subs.length === 0) return;
    for (const s of subs) this.clients.add(s.clientId);
    await this.record({ op: 'enqueue', clientIds: subs.map((s) => s.clientId), packet: storePacket(packet) });
  }

  override async outgoingUpdate(c: Client, packet: AedesPacket): Promise<void> {
    await super.outgoingUpdate(c, packet);
    await this.record({ op: 'update', clientId: c.id, packet: storePacket(packet) });
  }

  override async outgoingClearMessageId(c: Client, packet: AedesPacket): Promise<AedesPacket> {
    const cleared = await super.outgoingClearMessageId(c, packet);
    if (typeof packet.messageId === 'number') await this.record({ op: 'clear', clientId: c.id, messageId: packet.messageId });
    return cleared;
  }

  override async incomingStorePacket(c: Client, packet: AedesPacket): Promise<void> {
    await super.incomingStorePacket(c, packet);
    if (typeof packet.messageId === 'number') this.incomingIds(c.id).add(packet.messageId);
    await this.record({ op: 'incoming', clientId: c.id, packet: storePacket(packet) });
  }

  override async incomingDelPacket(c: Client, packet: AedesPacket): Promise<void> {
    await super.incomingDelPacket(c, packet);
    if (typeof packet.messageId !== 'number') return;
    this.incomingIds(c.id).delete(packet.messageId);
    await this.record({ op: 'incoming-del', clientId: c.id, messageId: packet.messageId });
  }

  override async cleanIncoming(c: Client): Promise<void> {
    await super.cleanIncoming(c);
    this.incoming.delete(c.id);
    await this.record({ op: 'clean-incoming', clientId: c.id });
  }

  override async putWill(c: Client, packet: AedesPacket): Promise<void> {
    await super.putWill(c, packet);
    await this.record({ op: 'will', clientId: c.id, packet: storePacket(packet) });
  }

  override async delWill(c: Client) {
    const will = await super.delWill(c);
    if (will) await this.record({ op: 'will-del', clientId: c.id });
    return will;
  }

  override async destroy(): Promise<void> {
    await this.journal?.close();
    await super.destroy();
  }

  private incomingIds(clientId: string): Set<number> {
    let ids = this.incoming.get(clientId);
    if (!ids) this.incoming.set(clientId, (ids = new Set()));
    return ids;
  }

  private async record(entry: JournalEntry): Promise<void> {
    if (this.replaying) return;
    if (!this.journal) throw new StorageError('the session journal is not open (setup was not called)');
    await this.journal.append(Buffer.from(JSON.stringify(entry) + '\n', 'utf8'));
  }

  private async apply(entry: JournalEntry): Promise<void> {
    switch (entry.op) {
      case 'retain':
        return this.storeRetained(loadPacket(entry.packet));
      case 'subscribe':
        return this.addSubscriptions(client(entry.clientId), entry.subs as Subscription[]);
      case 'unsubscribe':
        return this.removeSubscriptions(client(entry.clientId), entry.topics);
      case 'clean-subscriptions':
        return this.cleanSubscriptions(client(entry.clientId));
      case 'enqueue':
        return this.outgoingEnqueueCombi(entry.clientIds.map((clientId) => ({ clientId })), loadPacket(entry.packet));
      case 'update':
        return this.outgoingUpdate(client(entry.clientId), loadPacket(entry.packet)).catch(() => undefined);
      case 'clear':
        return void (await this.outgoingClearMessageId(client(entry.clientId), { messageId: entry.messageId } as AedesPacket));
      case 'incoming':
        return this.incomingStorePacket(client(entry.clientId), loadPacket(entry.packet));
      case 'incoming-del':
        return this.incomingDelPacket(client(entry.clientId), { messageId: entry.messageId } as AedesPacket).catch(() => undefined);
      case 'clean-incoming':
        return this.cleanIncoming(client(entry.clientId));
      case 'will': {
        const packet = loadPacket(entry.packet);
        await this.putWill(client(entry.clientId), packet);
        // putWill stamps the will with this broker; keep the broker that registered it, so a will of
        // a broker that is gone (the process before a restart) is published.
        packet.brokerId = entry.packet.brokerId;
        return;
      }
      case 'will-del':
        return void (await this.delWill(client(entry.clientId)));
    }
  }

  /** Rewrites the journal as the shortest list of changes that gives today's state (temp file, fsync, rename). */
  private async compact(): Promise<void> {
    const lines: JournalEntry[] = [];
    for (const packet of await collect<AedesPacket>(this.createRetainedStream('#'))) lines.push({ op: 'retain', packet: storePacket(packet) });
    for (const id of this.clients) {
      const subs = await this.subscriptionsByClient(client(id));
      if (subs.length > 0) lines.push({ op: 'subscribe', clientId: id, subs: subs as StoredSubscription[] });
      for (const packet of await collect<AedesPacket>(this.outgoingStream(client(id)))) lines.push({ op: 'enqueue', clientIds: [id], packet: storePacket(packet) });
    }
    for (const [id, ids] of this.incoming) {
      for (const messageId of ids) {
        const packet = await this.incomingGetPacket(client(id), { messageId } as AedesPacket).catch(() => undefined);
        if (packet) lines.push({ op: 'incoming', clientId: id, packet: storePacket(packet) });
      }
    }
    for (const will of await collect<AedesPacket & { clientId: string }>(this.streamWill({}))) lines.push({ op: 'will', clientId: will.clientId, packet: storePacket(will) });
    const temp = `${this.file}.compacting`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(lines.map((l) => JSON.stringify(l) + '\n').join(''), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
  }
}
