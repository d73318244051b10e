import { Aedes, type AedesPublishPacket, type Client } from 'aedes';
import { createServer, type AddressInfo, type Server } from 'node:net';

export interface BrokerOptions {
  host: string;
  port: number;
  /** Called for every message a client publishes (not for the broker's own $SYS messages). */
  onMessage: (message: { topic: string; payload: Buffer; clientId: string; receivedAt: number; qos: number }) => void;
}

export interface RunningBroker {
  readonly port: number;
  readonly url: string;
  connectedClients(): number;
  close(): Promise<void>;
}

/** An aedes MQTT broker standing in for IoT Core's message broker; listens on `host` only. */
export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const aedes = await Aedes.createBroker({ id: 'local-cloud' });
  aedes.on('publish', (packet: AedesPublishPacket, client: Client | null) => {
    if (!client || packet.topic.startsWith('$SYS/')) return;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    options.onMessage({ topic: packet.topic, payload, clientId: client.id, receivedAt: Date.now(), qos: packet.qos });
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
      })();
      return closing;
    },
  };
}
