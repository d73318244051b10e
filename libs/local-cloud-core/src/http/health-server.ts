import { createServer, type IncomingMessage, type Server } from 'node:http';

export type JsonRoutes = Record<string, () => unknown>;
/** POST routes: the parsed JSON body in, the answer out; a thrown error with `status` sets the status. */
export type JsonActions = Record<string, (body: unknown) => Promise<unknown>>;

const MAX_BODY_BYTES = 64 * 1024;

/** A tiny JSON server for /health, /alarms, /pipeline (GET) and the local cloud's few actions (POST). */
export function buildHealthServer(routes: JsonRoutes, actions: JsonActions = {}): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body, null, 2));
    };
    const action = actions[url.pathname];
    if (action) {
      if (req.method !== 'POST') return send(405, { error: `${url.pathname} takes POST with a JSON body` });
      readJson(req).then(action).then(
        (answer) => send(200, answer),
        (error: Error & { status?: number }) => send(error.status ?? 500, { error: error.message }),
      );
      return;
    }
    const route = routes[url.pathname];
    if (req.method !== 'GET') return send(405, { error: 'only GET is supported' });
    if (!route) return send(404, { error: `no route ${url.pathname}`, routes: [...Object.keys(routes), ...Object.keys(actions)] });
    try {
      send(200, route());
    } catch (error) {
      send(500, { error: (error as Error).message });
    }
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error(`the request body is over ${MAX_BODY_BYTES} bytes`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('the request body is not JSON'), { status: 400 });
  }
}
