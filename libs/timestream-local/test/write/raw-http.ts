import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with a body sent as given (or as chunks), for what an SDK never sends. */
export function rawRequest(endpoint: string, options: { target?: string; body?: string | Buffer; chunks?: Buffer[]; headers?: Record<string, string>; method?: string }): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/',
        method: options.method ?? 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          ...(options.target ? { 'X-Amz-Target': `Timestream_20181101.${options.target}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      // leave the request open: the server must answer without waiting for the end
      return;
    }
    req.end(options.body);
  });
}
