/**
 * Web sites for the fill tests, under several host names, from one node server on 127.0.0.1:
 * `tests/fixtures/sites/<host>/<path>` is `http://<host>:<port>/<path>`.
 *
 *   const sites = await startFixtureSites();
 *   sites.url('bank.test', '/login.html'); // http://bank.test:PORT/login.html
 *
 * How the browsers get here without any name leaving the machine:
 * - Chromium resolves `*.test` to 127.0.0.1 and nothing else (`FIXTURE_HOST_RESOLVER_RULES`).
 * - Firefox sends plain HTTP to this server as its proxy (`launchFirefox({ httpProxyPort })`): a
 *   proxy request names an absolute URI, and this server routes it by host like any other. It
 *   never forwards anything: a host it does not serve gets a 502 from here, so the rest of the
 *   web (including the `dummy.test` services puppeteer points Firefox at) stays unreachable.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { repoRoot } from './paths';
import { DEFAULT_HOST_RESOLVER_RULES } from './chromium';

export const FIXTURE_SITES_DIR = join(repoRoot, 'tests/fixtures/sites');

/** Chromium: every `*.test` name is this machine, every other name fails at once. */
export const FIXTURE_HOST_RESOLVER_RULES = `MAP *.test 127.0.0.1, ${DEFAULT_HOST_RESOLVER_RULES}`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface FixtureSites {
  port: number;
  /** `http://<host>:<port><path>`. */
  url(host: string, path?: string): string;
  /** `http://<host>:<port>`, as the browser reports the origin. */
  origin(host: string): string;
  /** Hosts the browsers asked for that this server does not serve (Firefox's own services…). */
  refused: string[];
  close(): Promise<void>;
}

/** The request's host and path, whether sent to a server (`GET /x`) or a proxy (`GET http://…`). */
function target(request: IncomingMessage): { host: string; path: string } | undefined {
  try {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'invalid'}`);
    return { host: url.hostname.toLowerCase(), path: decodeURIComponent(url.pathname) };
  } catch {
    return undefined;
  }
}

export async function startFixtureSites(): Promise<FixtureSites> {
  const refused: string[] = [];
  const server = createServer((request, response) => {
    const where = target(request);
    // Only *.test names with a folder here; a path cannot climb out of its host's folder.
    const file = where && normalize(join(FIXTURE_SITES_DIR, where.host, where.path));
    if (
      !where ||
      !where.host.endsWith('.test') ||
      !file?.startsWith(join(FIXTURE_SITES_DIR, where.host) + '/')
    ) {
      if (where) refused.push(where.host);
      response.writeHead(502, { 'content-type': 'text/plain' }).end('Not a fixture site\n');
      return;
    }
    const path = file.endsWith('/') ? join(file, 'index.html') : file;
    readFile(path).then(
      (body) => {
        response
          .writeHead(200, {
            'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
            'cache-control': 'no-store',
          })
          .end(body);
      },
      () => response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n'),
    );
  });
  // A proxy client may ask to tunnel (https): nothing is tunnelled anywhere.
  server.on('connect', (_request, socket) => {
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: (host) => `http://${host}:${port}`,
    url: (host, path = '/') => `http://${host}:${port}${path}`,
    refused,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
