/**
 * The hostile proxy's HTTP side (hostile-server.ts has the API and the rules): buffer a request,
 * log it, forward it or fail it as the matching rule says, learn from the real answer, rewrite it,
 * send it. WebSocket upgrades are in hostile-websocket.ts.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Ledger } from './hostile-ledger';
import { learn, notePush, rewriteJson, spend, synthetic } from './hostile-rewrite';
import type { LoggedRequest, PushedChange, Rule } from './hostile-server';
import { createUpgradePipe } from './hostile-websocket';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  url: URL;
  body: Buffer;
  token: string | undefined;
  account: string | undefined;
  entry: LoggedRequest;
  itemIds?: readonly string[];
  /** The client's `since`, when the proxy asked the server from the real cursor behind it. */
  clientSince?: number;
}
export type RequestInfo = Pick<Exchange, 'method' | 'path' | 'account'> & {
  /** The items a POST /v1/sync changes. */
  itemIds?: readonly string[];
};

export interface Answer {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

/** RFC 9110 §7.6.1, plus the proxy-* pair of RFC 9110 §11.7. */
const HOP_BY_HOP = [
  'connection',
  'proxy-connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
];
const SAFE_QUERY = ['since', 'limit'];

/** Raw header pairs minus hop-by-hop ones (and those the Connection header names). */
export function endToEnd(raw: string[], drop: string[] = []): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  const named = pairs
    .filter(([name]) => name.toLowerCase() === 'connection')
    .flatMap(([, value]) => value.split(',').map((v) => v.trim().toLowerCase()));
  const skip = new Set([...HOP_BY_HOP, ...named, ...drop]);
  return pairs.filter(([name]) => !skip.has(name.toLowerCase()));
}

function headerObject(pairs: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    const prev = out[key];
    out[key] = prev === undefined ? value : [prev, value].flat();
  }
  return out;
}

export function redactedQuery(params: URLSearchParams): string {
  const parts = [...params].map(([k, v]) => `${k}=${SAFE_QUERY.includes(k) ? v : '…'}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function createProxyPlumbing(deps: {
  target: URL;
  ledger: Ledger;
  answerRule(ex: RequestInfo): Rule | undefined;
  upgradeRules(ex: RequestInfo): Rule[];
  rewriteRules(ex: RequestInfo): Rule[];
}) {
  const { target, ledger } = deps;
  // A new connection per forwarded request: reusing an idle keep-alive socket races the server
  // closing it (its keepAliveTimeout), which would fail a request at random in a long journey,
  // and a restarted server (E2eServer.restart) leaves no stale sockets behind.
  const agent = new http.Agent({ keepAlive: false });
  const log: LoggedRequest[] = [];
  const pushed: PushedChange[] = [];
  const holds = new Map<Exchange, Rule>();
  const watchers = new Set<() => void>();
  let closing = false;
  const changed = () => watchers.forEach((w) => w());
  const upgrades = createUpgradePipe({
    target,
    rules: deps.upgradeRules,
    newEntry,
    take: spend,
    changed,
  });

  function newEntry(req: IncomingMessage, url: URL, account: string | undefined): LoggedRequest {
    const entry: LoggedRequest = {
      seq: log.length + 1,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: redactedQuery(url.searchParams),
      account,
      origin: req.headers.origin,
      status: undefined,
      outcome: 'pending',
      forwarded: false,
      misbehaviours: [],
    };
    log.push(entry);
    return entry;
  }

  function settle(ex: Exchange, outcome: LoggedRequest['outcome'], status?: number) {
    ex.entry.outcome = outcome;
    if (status !== undefined) ex.entry.status = status;
    changed();
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const account = ledger.accountOf(token);
    const entry = newEntry(req, url, account);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      entry.outcome = 'client-gone';
      return changed();
    }
    const method = entry.method;
    const ex: Exchange = {
      req,
      res,
      method,
      path: url.pathname,
      url,
      body: Buffer.concat(chunks),
      token,
      account,
      entry,
    };
    if (method === 'POST' && ex.path === '/v1/sync') {
      const changes = notePush(ex) ?? [];
      pushed.push(...changes);
      ex.itemIds = changes.map((c) => c.id);
    }
    res.on('close', () => {
      holds.delete(ex);
      if (entry.outcome === 'pending' || entry.outcome === 'held') {
        settle(ex, closing ? 'proxy-closed' : 'client-gone');
      }
    });
    await answer(ex).catch((error: unknown) => {
      entry.error = error instanceof Error ? error.message : String(error);
      settle(ex, 'proxy-error');
      res.destroy();
    });
  }

  async function answer(ex: Exchange): Promise<void> {
    const rule = deps.answerRule(ex);
    const m = rule?.m;
    if (rule && m?.kind === 'hang') {
      spend(rule, ex.entry);
      holds.set(ex, rule);
      return settle(ex, 'held');
    }
    if (rule && (m?.kind === 'status' || m?.kind === 'malformed-json') && !m.forward) {
      spend(rule, ex.entry);
      return send(ex, await synthetic(ex, m));
    }
    let upstream: Answer;
    try {
      upstream = await forward(ex);
    } catch {
      ex.res.destroy();
      return settle(ex, 'upstream-failed');
    }
    const json = learn(ex, upstream.status, upstream.body, ledger);
    if (rule && (m?.kind === 'status' || m?.kind === 'malformed-json')) {
      spend(rule, ex.entry);
      return send(ex, await synthetic(ex, m));
    }
    const out = rewriteJson(ex, json, deps.rewriteRules(ex), ledger)
      ? { ...upstream, body: Buffer.from(JSON.stringify(json)) }
      : upstream;
    if (rule && m?.kind === 'cut-body') {
      spend(rule, ex.entry);
      return cut(ex, out, m.fraction ?? 0.5);
    }
    send(ex, out);
  }

  function forward(ex: Exchange): Promise<Answer> {
    let path = ex.req.url ?? '/';
    const since = Number(ex.url.searchParams.get('since') ?? 0);
    const real =
      ex.token && ex.path === '/v1/sync' && ledger.realSince(ledger.sessionKey(ex.token), since);
    if (ex.method === 'GET' && typeof real === 'number') {
      const params = new URLSearchParams(ex.url.searchParams);
      params.set('since', String(real));
      path = `${ex.path}?${params}`;
      ex.clientSince = since;
    }
    // Node's request sets Host to the target's, as the server would see it without the proxy.
    // No Accept-Encoding: the proxy must read answers to rewrite them (the server sends plain
    // JSON today; this keeps a future compression middleware from silently disarming the rules).
    const headers = endToEnd(ex.req.rawHeaders, ['host', 'content-length', 'accept-encoding']);
    if (ex.body.length > 0 || ex.req.headers['content-length'] !== undefined) {
      headers.push(['Content-Length', String(ex.body.length)]);
    }
    ex.entry.forwarded = true;
    for (const c of ex.entry.changes ?? []) c.outcome = 'pending';
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: target.hostname, port: target.port, method: ex.method, path, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: endToEnd(response.rawHeaders),
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      for (const [name, value] of headers) request.appendHeader(name, value);
      request.on('error', reject);
      if (ex.body.length > 0) request.end(ex.body);
      else request.end();
    });
  }

  function send(ex: Exchange, answer: Answer) {
    if (ex.res.destroyed) return settle(ex, 'client-gone');
    const bodyless = ex.method === 'HEAD' || answer.status === 204 || answer.status === 304;
    const headers = headerObject(answer.headers);
    if (!bodyless) headers['content-length'] = String(answer.body.length);
    ex.res.writeHead(answer.status, headers);
    ex.res.end(bodyless ? undefined : answer.body);
    settle(ex, 'answered', answer.status);
  }

  /** Status line, headers with the real length, part of the body, then the socket is destroyed. */
  function cut(ex: Exchange, answer: Answer, fraction: number) {
    const socket = ex.res.socket;
    if (!socket || ex.res.destroyed) return settle(ex, 'client-gone');
    const headers = answer.headers.filter(([name]) => name.toLowerCase() !== 'content-length');
    headers.push(['Content-Length', String(answer.body.length)]);
    const head =
      `HTTP/1.1 ${answer.status} ${http.STATUS_CODES[answer.status] ?? ''}\r\n` +
      headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
      '\r\n';
    const part = answer.body.subarray(0, Math.floor(answer.body.length * fraction));
    settle(ex, 'cut', answer.status);
    socket.write(Buffer.concat([Buffer.from(head, 'latin1'), part]), () => socket.destroy());
  }

  return {
    log,
    pushed,
    onRequest: (req: IncomingMessage, res: ServerResponse) => void onRequest(req, res),
    onUpgrade: upgrades.onUpgrade,
    held: () => holds.size,
    openWebSockets: upgrades.open,
    cutWebSockets: upgrades.cutAll,
    /** A cleared `hang` rule lets its requests go on: forwarded and answered (rules re-checked). */
    release(rule: Rule) {
      for (const [ex, holder] of holds) {
        if (holder !== rule) continue;
        holds.delete(ex);
        if (ex.res.destroyed) continue;
        ex.entry.outcome = 'pending';
        void answer(ex).catch(() => ex.res.destroy());
      }
    },
    waitFor(predicate: (r: LoggedRequest) => boolean, timeoutMs: number): Promise<LoggedRequest> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = log.find(predicate);
          if (!found) return;
          done();
          resolve(structuredClone(found));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`hostile proxy: no such request within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      });
    },
    shutDown() {
      closing = true;
      for (const ex of holds.keys()) ex.res.destroy();
      holds.clear();
      upgrades.shutDown();
      agent.destroy();
    },
  };
}
