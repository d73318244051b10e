import type { Server } from 'node:http';
import { buildDashboardServer, listen, rangeView } from '../src';
import { sampleModel } from '../src/testing';

describe('the dashboard server', () => {
  let server: Server;
  let url: string;
  let fail = false;

  beforeAll(async () => {
    server = await buildDashboardServer({
      title: 'Fleet <test>',
      refreshMs: 1000,
      loadModel: async (query) => {
        rangeView(query.get('range'), 2000);
        return fail ? Promise.reject(new Error('Timestream is down')) : sampleModel();
      },
      extraRoutes: { '/api/echo': async (q) => ({ device: q.get('device') }) },
    });
    url = `http://127.0.0.1:${await listen(server, 0)}`;
  }, 30_000);
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('serves the page, its bundled script and styles', async () => {
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<script src="/app.js"></script>');
    const script = await fetch(`${url}/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await script.text()).length).toBeGreaterThan(10_000);
    expect((await fetch(`${url}/uPlot.min.css`)).status).toBe(200);
    expect((await fetch(`${url}/dashboard.css`)).status).toBe(200);
    // The page names its icon and the server has it, so no browser asks for something missing.
    expect(await (await fetch(`${url}/`)).text()).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    for (const icon of ['/favicon.svg', '/favicon.ico']) {
      const response = await fetch(`${url}${icon}`);
      expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
      expect(await response.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });

  it('answers the model as JSON, and 502 with the reason when it cannot be loaded', async () => {
    const ok = await fetch(`${url}/api/dashboard`);
    expect(ok.status).toBe(200);
    expect((await ok.json()).source).toBe('sample');
    fail = true;
    const failed = await fetch(`${url}/api/dashboard`);
    fail = false;
    expect(failed.status).toBe(502);
    expect(await failed.json()).toEqual({ error: 'Timestream is down' });
  });

  it('answers 400 naming the ranges for a range the page does not offer', async () => {
    const response = await fetch(`${url}/api/dashboard?range=2h`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'range must be one of 15m, 6h, 24h, 7d, 30d, got "2h"' });
    expect((await fetch(`${url}/api/dashboard?range=7d`)).status).toBe(200);
  });

  it('serves extra routes with their query', async () => {
    expect(await (await fetch(`${url}/api/echo?device=sensor-001`)).json()).toEqual({ device: 'sensor-001' });
  });
});
