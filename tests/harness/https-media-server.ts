/**
 * A local https server answering at ad libraries' real media host names, for Firefox, whose request
 * interception does not reach the background's own downloads. Firefox is told to resolve those names
 * to this machine (`network.dns.localDomains`) and to accept the server's self-signed certificate
 * (`acceptInsecureCerts`): the background asks for https://scontent-….fbcdn.net/… on port 443 exactly
 * as it would on the internet, and nothing leaves the machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HttpsMediaServer {
  /** Host names and paths asked for, in order. */
  requests: Array<{ host: string; path: string }>;
  /** Firefox prefs that send `hosts` to this server. */
  prefs: Record<string, string | boolean>;
  close(): Promise<void>;
}

/** Serves `body` as `contentType` for every request to `hosts` on 127.0.0.1:443 (the tests run as root). */
export async function startHttpsMediaServer(hosts: string[], body: Buffer, contentType: string): Promise<HttpsMediaServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dalil-cdn-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  // A throwaway self-signed certificate naming each host; its key never leaves the temporary folder.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=dalil test media host',
      '-addext',
      `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
    ],
    { stdio: 'ignore' },
  );
  const requests: HttpsMediaServer['requests'] = [];
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (request, response) => {
    requests.push({ host: request.headers.host ?? '', path: request.url ?? '' });
    response.writeHead(200, { 'content-type': contentType });
    response.end(body);
  });
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(443, '127.0.0.1', done);
  });
  return {
    requests,
    prefs: {
      'network.dns.localDomains': hosts.join(','),
      // localhost as 127.0.0.1 only: the server does not listen on ::1.
      'network.dns.disableIPv6': true,
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
