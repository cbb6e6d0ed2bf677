// A tiny HTTP server on 127.0.0.1 for fake venues: each request is read whole and handed to a
// route function; the answer is JSON with a status and headers. Every request is kept for asserts.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  /** The raw query string, without "?". */
  query: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  json: unknown;
  /** A plain-text body sent instead of `json` (Coinbase answers a refused key with "Unauthorized"). */
  text?: string;
  /** Never answer: the request was taken, the caller waits until it gives up (or dies). */
  hang?: boolean;
}

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export async function startFake(route: (request: FakeRequest) => FakeAnswer): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
      const request: FakeRequest = { method: req.method ?? 'GET', path, query, params: new URLSearchParams(query), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      let answer: FakeAnswer;
      try {
        answer = route(request);
      } catch (error) {
        answer = { status: 500, json: { error: String(error) } };
      }
      if (answer.hang) return;
      const text = answer.text !== undefined;
      res.writeHead(answer.status ?? 200, { 'content-type': text ? 'text/plain; charset=utf-8' : 'application/json', ...answer.headers });
      res.end(text ? answer.text : JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
