/**
 * WebSocket upgrades through the hostile proxy (GET /v1/events, DESIGN §4 "Live"): the upgrade
 * request goes to the server as it came (its Connection and Upgrade headers are what asks for the
 * upgrade, so they are kept; only Host becomes the target's), then both sockets are piped byte for
 * byte. The proxy never parses frames, so it needs no WebSocket library. Rules can refuse new
 * upgrades or cut sockets, for tests of the client's reconnect.
 */
import http, { type IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { RequestInfo } from './hostile-plumbing';
import type { LoggedRequest, Rule } from './hostile-server';

export function createUpgradePipe(deps: {
  target: URL;
  rules(info: RequestInfo): Rule[];
  newEntry(req: IncomingMessage, url: URL, account: string | undefined): LoggedRequest;
  take(rule: Rule, entry: LoggedRequest): void;
  changed(): void;
}) {
  const pairs = new Set<{ client: Duplex; upstream: net.Socket }>();

  function cutAll(): number {
    const count = pairs.size;
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
    return count;
  }

  function onUpgrade(req: IncomingMessage, client: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const entry = deps.newEntry(req, url, undefined);
    const settle = (outcome: LoggedRequest['outcome'], status?: number) => {
      entry.outcome = outcome;
      entry.status = status;
      deps.changed();
    };
    const rules = deps.rules({ method: entry.method, path: url.pathname, account: undefined });
    const refuse = rules.find((r) => r.m.kind === 'refuse-upgrade');
    if (refuse?.m.kind === 'refuse-upgrade') {
      deps.take(refuse, entry);
      const status = refuse.m.status ?? 503;
      const reason = http.STATUS_CODES[status] ?? '';
      client.on('error', () => client.destroy());
      client.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return settle('refused', status);
    }
    const cutter = rules.find((r) => r.m.kind === 'cut-websockets');
    const upstream = net.connect({ host: deps.target.hostname, port: Number(deps.target.port) });
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('close', end).on('error', () => {
      if (entry.outcome === 'pending') settle('upstream-failed');
      end();
    });
    upstream.on('connect', () => {
      entry.forwarded = true;
      upstream.write(upgradeHead(req, deps.target));
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream);
    });
    upstream.once('data', (chunk: Buffer) => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(chunk.toString('latin1'))?.[1]);
      settle(status === 101 ? 'websocket' : 'answered', status || undefined);
      if (cutter && status === 101) {
        // Accept, then cut at once: a server that flaps.
        deps.take(cutter, entry);
        client.write(chunk, end);
        return;
      }
      client.write(chunk);
      upstream.pipe(client);
    });
  }

  return { onUpgrade, cutAll, open: () => pairs.size };
}

function upgradeHead(req: IncomingMessage, target: URL): string {
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    lines.push(
      name.toLowerCase() === 'host' ? `Host: ${target.host}` : `${name}: ${req.rawHeaders[i + 1]}`,
    );
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}
