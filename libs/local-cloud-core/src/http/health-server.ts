import { createServer, type Server } from 'node:http';

export type JsonRoutes = Record<string, () => unknown>;

/** A tiny JSON server for /health, /alarms, /pipeline (GET only). */
export function buildHealthServer(routes: JsonRoutes): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[url.pathname];
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body, null, 2));
    };
    if (req.method !== 'GET') return send(405, { error: 'only GET is supported' });
    if (!route) return send(404, { error: `no route ${url.pathname}`, routes: Object.keys(routes) });
    try {
      send(200, route());
    } catch (error) {
      send(500, { error: (error as Error).message });
    }
  });
}
