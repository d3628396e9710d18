/**
 * WebSocket upgrades through the hostile proxy (GET /v1/events, DESIGN §4 "Live"). The upgrade
 * request goes to the server with its own Connection and Upgrade headers (they are what asks for
 * the upgrade; only Host becomes the target's). On 101 the handshake goes back to the client and
 * both sockets are piped byte for byte: the proxy never parses frames, so it needs no WebSocket
 * library. Any other answer goes back with `Connection: close` and the connection ends, so a
 * keep-alive client never reuses it as a tunnel past the proxy. Rules can refuse new upgrades or
 * cut sockets, for tests of the client's reconnect.
 */
import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { endToEnd, type RequestInfo } from './hostile-plumbing';
import type { LoggedRequest, Rule } from './hostile-server';

export function createUpgradePipe(deps: {
  target: URL;
  rules(info: RequestInfo): Rule[];
  newEntry(req: IncomingMessage, url: URL, account: string | undefined): LoggedRequest;
  take(rule: Rule, entry: LoggedRequest): void;
  changed(): void;
}) {
  const pairs = new Set<{ client: Duplex; upstream: Duplex }>();
  const pending = new Set<http.ClientRequest>();

  function cutAll(): number {
    const count = pairs.size;
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
    return count;
  }

  function onUpgrade(req: IncomingMessage, client: Duplex, clientHead: Buffer) {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const entry = deps.newEntry(req, url, undefined);
    const settle = (outcome: LoggedRequest['outcome'], status?: number) => {
      entry.outcome = outcome;
      entry.status = status;
      deps.changed();
    };
    client.on('error', () => client.destroy());
    const rules = deps.rules({ method: entry.method, path: url.pathname, account: undefined });
    const refuse = rules.find((r) => r.m.kind === 'refuse-upgrade');
    if (refuse?.m.kind === 'refuse-upgrade') {
      deps.take(refuse, entry);
      const status = refuse.m.status ?? 503;
      client.end(statusHead(status, http.STATUS_CODES[status], [['Content-Length', '0']]));
      return settle('refused', status);
    }
    const cutter = rules.find((r) => r.m.kind === 'cut-websockets');
    const request = http.request({
      host: deps.target.hostname,
      port: deps.target.port,
      agent: false,
      method: req.method,
      path: req.url,
    });
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      if (name.toLowerCase() !== 'host') request.appendHeader(name, req.rawHeaders[i + 1]!);
    }
    pending.add(request);
    entry.forwarded = true;
    request.on('error', () => {
      pending.delete(request);
      client.destroy();
      if (entry.outcome === 'pending') settle('upstream-failed');
    });
    request.on('upgrade', (response, upstream, upstreamHead) => {
      pending.delete(request);
      settle('websocket', response.statusCode);
      const pair = { client, upstream };
      pairs.add(pair);
      const end = () => {
        client.destroy();
        upstream.destroy();
        pairs.delete(pair);
      };
      client.on('close', end);
      upstream.on('error', end).on('close', end);
      const handshake = statusHead(101, response.statusMessage, pairsOf(response.rawHeaders));
      if (cutter) {
        // Accept, then cut at once: a server that flaps.
        deps.take(cutter, entry);
        client.write(handshake, end);
        return;
      }
      client.write(Buffer.concat([Buffer.from(handshake, 'latin1'), upstreamHead]));
      if (clientHead.length > 0) upstream.write(clientHead);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    request.on('response', (response) => {
      pending.delete(request);
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const headers = endToEnd(response.rawHeaders, ['content-length']);
        headers.push(['Content-Length', String(body.length)], ['Connection', 'close']);
        client.end(
          Buffer.concat([
            Buffer.from(
              statusHead(response.statusCode!, response.statusMessage, headers),
              'latin1',
            ),
            body,
          ]),
        );
        settle('answered', response.statusCode);
      });
    });
    request.end();
  }

  return {
    onUpgrade,
    cutAll,
    open: () => pairs.size,
    shutDown() {
      for (const request of pending) request.destroy();
      cutAll();
    },
  };
}

function pairsOf(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

function statusHead(status: number, reason: string | undefined, headers: [string, string][]) {
  const lines = headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${status} ${reason ?? ''}\r\n${lines}\r\n`;
}
