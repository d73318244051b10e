import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundleDashboardClient, uplotCssPath } from './client-bundle';
import type { DashboardModel } from './dashboard-model';
import { DashboardRangeError } from './errors';
import { DASHBOARD_CSS, dashboardPage, FAVICON_SVG } from './page';

export interface DashboardServerOptions {
  title: string;
  refreshMs: number;
  /** The model for `/api/dashboard`, given its query (`range`). */
  loadModel: (query: URLSearchParams) => Promise<DashboardModel>;
  /** Extra JSON endpoints (e.g. fleet control), path -> handler. */
  extraRoutes?: Record<string, (query: URLSearchParams) => Promise<unknown>>;
}

/** The dashboard's HTTP server (not listening yet): the page, its script and styles, and /api/dashboard. */
export async function buildDashboardServer(options: DashboardServerOptions): Promise<Server> {
  const [script, uplotCss] = await Promise.all([bundleDashboardClient(), readFile(uplotCssPath(), 'utf8')]);
  const page = dashboardPage({ title: options.title, refreshMs: options.refreshMs });
  const send = (res: import('node:http').ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  };
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    switch (url.pathname) {
      case '/':
        return send(res, 200, 'text/html; charset=utf-8', page);
      case '/app.js':
        return send(res, 200, 'text/javascript; charset=utf-8', script);
      case '/uPlot.min.css':
        return send(res, 200, 'text/css; charset=utf-8', uplotCss);
      case '/dashboard.css':
        return send(res, 200, 'text/css; charset=utf-8', DASHBOARD_CSS);
      case '/favicon.svg':
      case '/favicon.ico':
        return send(res, 200, 'image/svg+xml', FAVICON_SVG);
      case '/api/dashboard':
        options.loadModel(url.searchParams).then(
          (model) => send(res, 200, 'application/json', JSON.stringify(model)),
          (error: Error) => send(res, error instanceof DashboardRangeError ? 400 : 502, 'application/json', JSON.stringify({ error: error.message })),
        );
        return;
    }
    const extra = options.extraRoutes?.[url.pathname];
    if (extra) {
      extra(url.searchParams).then(
        (body) => send(res, 200, 'application/json', JSON.stringify(body)),
        (error: Error) => send(res, 400, 'application/json', JSON.stringify({ error: error.message })),
      );
      return;
    }
    send(res, 404, 'text/plain', 'not found');
  });
}

/** Starts the built server on host:port (0 = any free port); resolves with the port it got. */
export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}
