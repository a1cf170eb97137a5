/**
 * A team's own server, on 127.0.0.1: serves guidance pack files the way a static host does (ETag,
 * Last-Modified, 304 on a match, CORS for extension origins) and collects webhook deliveries the
 * way a team's collector should (deduplicating by idempotency key). Tests switch it into the
 * failures a real server has: 500s, slowness, oversized and invalid bodies.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';

export type PackMode = 'normal' | 'error-500' | 'slow' | 'oversized' | 'invalid-json';

export interface PackRequest {
  path: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  status: number;
}

export interface WebhookDelivery {
  keys: string[];
  status: number;
}

export interface TeamServer {
  origin: string;
  /** The folder the pack files are served from, as a static host serves a directory. */
  folder: string;
  url(path: string): string;
  /** Writes a file into the served folder (what a manager does when publishing). */
  setPack(path: string, body: string): void;
  packMode: PackMode;
  packRequests: PackRequest[];
  /** Decides each webhook POST's answer: the status, and an optional Retry-After and delay. */
  webhookAnswer: (attempt: number) => { status: number; retryAfter?: string; delayMs?: number };
  webhookDeliveries: WebhookDelivery[];
  /** POSTs received and not yet answered. */
  webhookInFlight: number;
  /** The idempotency keys of the POSTs received and not yet answered. */
  webhookInFlightKeys: Set<string>;
  /** Entries accepted, by idempotency key, each with how many times it was received in accepted POSTs. */
  accepted: Map<string, { entry: Record<string, unknown>; times: number }>;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'accept, content-type, if-none-match, if-modified-since, idempotency-key',
  'access-control-expose-headers': 'etag, last-modified, retry-after',
  'access-control-max-age': '600',
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** A file of the folder with the validators a static host derives from it; undefined when absent. */
function readServed(folder: string, path: string): { body: string; etag: string; lastModified: string } | undefined {
  const file = join(folder, normalize(path).replace(/^(\.\.(\/|$))+/, ''));
  try {
    const body = readFileSync(file, 'utf8');
    return {
      body,
      etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
      // Whole seconds, as HTTP dates are; a change within the same second still changes the ETag.
      lastModified: statSync(file).mtime.toUTCString(),
    };
  } catch {
    return undefined;
  }
}

export async function startTeamServer(folder = mkdtempSync(join(tmpdir(), 'dalil-team-')), port = 0): Promise<TeamServer> {
  let webhookAttempts = 0;
  const server: TeamServer = {
    origin: '',
    folder,
    url: (path) => `${server.origin}${path}`,
    setPack(path, body) {
      writeFileSync(join(folder, path), body);
    },
    packMode: 'normal',
    packRequests: [],
    webhookAnswer: () => ({ status: 200 }),
    webhookDeliveries: [],
    webhookInFlight: 0,
    webhookInFlightKeys: new Set(),
    accepted: new Map(),
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };

  async function servePack(req: IncomingMessage, res: ServerResponse, path: string) {
    const record = (status: number) =>
      server.packRequests.push({
        path,
        status,
        ifNoneMatch: req.headers['if-none-match'],
        ifModifiedSince: req.headers['if-modified-since'],
      });
    const file = readServed(folder, path);
    if (!file) {
      record(404);
      res.writeHead(404, CORS).end();
      return;
    }
    switch (server.packMode) {
      case 'error-500':
        record(500);
        res.writeHead(500, CORS).end('upstream broke');
        return;
      case 'slow':
        // Headers at once, then nothing: only a timeout that covers the body notices.
        record(200);
        res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
        res.write('{"format":');
        await new Promise((resolve) => setTimeout(resolve, 25_000));
        res.end();
        return;
      case 'oversized': {
        // No Content-Length (chunked): the client must stop reading by itself.
        record(200);
        res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
        const chunk = `${' '.repeat(1024 * 1024 - 1)}\n`;
        for (let i = 0; i < 8 && !res.destroyed; i++) res.write(chunk);
        res.end();
        return;
      }
      case 'invalid-json':
        record(200);
        res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end('{"format": "dalil.guidance-pack", oops}');
        return;
      default: {
        const matches = req.headers['if-none-match'] === file.etag;
        record(matches ? 304 : 200);
        const headers = { ...CORS, etag: file.etag, 'last-modified': file.lastModified, 'cache-control': 'no-cache' };
        if (matches) res.writeHead(304, headers).end();
        else res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(file.body);
      }
    }
  }

  async function receiveWebhook(req: IncomingMessage, res: ServerResponse) {
    const body = JSON.parse(await readBody(req)) as { entries: Array<Record<string, unknown>> };
    const keys = body.entries.map((e) => String(e.idempotencyKey));
    const answer = server.webhookAnswer(++webhookAttempts);
    server.webhookInFlight++;
    for (const key of keys) server.webhookInFlightKeys.add(key);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    server.webhookInFlight--;
    for (const key of keys) server.webhookInFlightKeys.delete(key);
    server.webhookDeliveries.push({ keys, status: answer.status });
    if (answer.status >= 200 && answer.status < 300) {
      // A collector that honours idempotency keys: a resent entry is acknowledged, not stored again.
      for (const entry of body.entries) {
        const key = String(entry.idempotencyKey);
        const seen = server.accepted.get(key);
        server.accepted.set(key, { entry: seen?.entry ?? entry, times: (seen?.times ?? 0) + 1 });
      }
    }
    if (res.destroyed) return;
    res.writeHead(answer.status, { ...CORS, ...(answer.retryAfter ? { 'retry-after': answer.retryAfter } : {}) }).end();
  }

  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    const handling = req.method === 'POST' && path === '/webhook' ? receiveWebhook(req, res) : servePack(req, res, path);
    handling.catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  server.origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return server;
}
