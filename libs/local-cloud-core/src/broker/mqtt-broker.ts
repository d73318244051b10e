import { Aedes, type Client, type PublishPacket } from 'aedes';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { SessionPersistence } from './session-persistence';

export interface BrokerMessage {
  topic: string;
  payload: Buffer;
  clientId: string;
  receivedAt: number;
  qos: number;
}

export interface BrokerOptions {
  host: string;
  port: number;
  /**
   * Runs for every message a client publishes (not for $SYS topics), before the broker answers:
   * a QoS 1 message gets its PUBACK only once the promise resolves. A rejection refuses the message:
   * MQTT 3.1.1 has no negative acknowledgement, so the broker closes the connection without a PUBACK
   * and the device sends the message again after it reconnects.
   */
  onMessage: (message: BrokerMessage) => unknown;
  /** The broker's session state on disk; in memory only when absent. */
  persistence?: SessionPersistence;
  /** Told about refused messages and client errors. */
  log?: (line: string) => void;
}

export interface RunningBroker {
  readonly port: number;
  readonly url: string;
  connectedClients(): number;
  close(): Promise<void>;
}

/** An aedes MQTT broker standing in for IoT Core's message broker; listens on `host` only. */
export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const log = options.log ?? (() => undefined);
  const aedes = await Aedes.createBroker({
    // A new id per start: packets and wills of the process before a restart belong to a broker that is gone.
    id: `local-cloud-${randomBytes(4).toString('hex')}`,
    ...(options.persistence ? { persistence: options.persistence } : {}),
    // The hook aedes runs before it sends the PUBACK (QoS 1) or hands the message on (QoS 0).
    authorizePublish: (client: Client | null, packet: PublishPacket, callback: (error?: Error | null) => void) => {
      if (packet.topic.startsWith('$SYS/')) return callback(new Error('$SYS topic is reserved'));
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      const clientId = client?.id ?? (packet as { clientId?: string }).clientId ?? '';
      Promise.resolve()
        .then(() => options.onMessage({ topic: packet.topic, payload, clientId, receivedAt: Date.now(), qos: packet.qos }))
        .then(
          () => callback(null),
          (error: Error) => {
            log(`refused a message from ${clientId} on ${packet.topic}: ${error.message}`);
            callback(error);
          },
        );
    },
  });
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    port,
    url: `mqtt://${options.host}:${port}`,
    connectedClients: () => aedes.connectedClients,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => aedes.close(() => resolve()));
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await options.persistence?.destroy();
      })();
      return closing;
    },
  };
}
