/**
 * A hostile sync server for tests (DESIGN §1, §2, §4: "a hostile server is in the threat model"):
 * an HTTP proxy on 127.0.0.1 in front of the REAL server that passes everything through unchanged
 * until told to lie, then lies the way a compromised server could. Point a client's server URL at
 * `proxy.url`; the extension, signInOtherDevice and plain fetch all work through it.
 *
 * ```ts
 * const proxy = await startHostileServer({ target: server.url });
 * const rule = proxy.misbehave({ kind: 'replay-older-blob', itemId, times: 1 });
 * // … let the client sync …
 * expect(rule.hits).toBe(1);       // it really lied (a rule that found nothing to do counts 0)
 * proxy.clear();                   // faithful again; requests held by `hang` are answered
 * proxy.pushedChanges();           // every change clients pushed, in order
 * proxy.seenBlobs(itemId);         // every version of an item's blob that passed, with its rev
 * await proxy.close();
 * ```
 *
 * One example per misbehaviour (all take optional `match` and `times`, see `RuleOptions`):
 * ```ts
 * proxy.misbehave({ kind: 'replay-older-blob', itemId });              // or older: 'oldest' | { rev: 3 }
 * proxy.misbehave({ kind: 'swap-blobs', itemIds: [a, b] });
 * proxy.misbehave({ kind: 'foreign-blob', itemId: x, from: { account: other.ctx.accountId, itemId: y } });
 * proxy.misbehave({ kind: 'foreign-blob', itemId: x, from: { blob } });
 * proxy.misbehave({ kind: 'drop-items', itemIds: [a] });                // no itemIds: drop them all
 * proxy.misbehave({ kind: 'forge-delete', itemId });
 * proxy.misbehave({ kind: 'kdf-params', ops: 1, memBytes: 8 * 1024 * 1024 });
 * proxy.misbehave({ kind: 'kdf-salt' });                               // or salt: '<22 chars>'
 * proxy.misbehave({ kind: 'status', status: 500, match: { method: 'GET', path: '/v1/sync' } });
 * proxy.misbehave({ kind: 'status', status: 500, forward: true, match: { itemIds: [id] } });
 * proxy.misbehave({ kind: 'malformed-json' });                         // 200, application/json
 * proxy.misbehave({ kind: 'hang', match: { path: '/v1/sync' } });
 * proxy.misbehave({ kind: 'cut-body', match: { path: '/v1/sync' } });  // fraction: 0.5
 * proxy.misbehave({ kind: 'cut-websockets' });                         // or proxy.cutWebSockets()
 * proxy.misbehave({ kind: 'refuse-upgrade' });                         // status: 503
 * ```
 *
 * What the proxy does, and the choices behind it:
 * - Bodies are buffered both ways (tests move kilobytes); `content-length` is always the length of
 *   what is sent. Hop-by-hop headers (RFC 9110 §7.6.1) are dropped, `Host` becomes the target's
 *   (what the server would see without the proxy), `Accept-Encoding` is not forwarded (the proxy
 *   must read answers), every other header passes both ways, so the server's own CORS answers
 *   (preflights included) reach the extension unchanged. Each request gets a fresh upstream
 *   connection.
 * - Answers the proxy makes up (`status`, `malformed-json`) get the server's own CORS and API
 *   headers (its middleware runs on them), so in a browser they surface as the server error they
 *   are, not as a CORS failure.
 * - Accounts are told apart by the bearer token, mapped to the account id the login-finish (or
 *   GET /v1/account) answer gave that token. A session the proxy did not see sign in is named
 *   `token:<digest prefix>`. Tokens themselves are never logged or kept (only SHA-256 digests).
 * - Forged pull entries (replay, swap, foreign, forge-delete) get one new revision,
 *   `max(answer.rev, since + 1)`: above anything the client holds, so it takes them as fresh.
 *   When the server had nothing newer, the answer's `rev` rises to it (it must cover its items)
 *   and the client's cursor moves past the server's. The proxy remembers each cursor it invented,
 *   per session, and when the client comes back with one it asks the server from the real cursor
 *   behind it (until a pull answer gets past it), so later real changes are not skipped. The price:
 *   the client may be sent items at or below its cursor again (e.g. its own push at that rev).
 * - Of the rules that answer instead of the server (`status`, `malformed-json`, `hang`,
 *   `cut-body`) the first registered one that matches wins; all matching rewrites apply, in order.
 * - `hang` holds the request without forwarding it. Clearing the rule (or `proxy.clear()`)
 *   forwards it and answers normally, unless the client gave up meanwhile (then it is dropped,
 *   never forwarded). A `hang` rule whose `times` are used up still holds what it holds until
 *   cleared. `close()` destroys held connections.
 * - A target that cannot be reached makes the proxy drop the client's connection, as a dead
 *   server would.
 * - No rule touches an OPTIONS preflight unless its `match.method` names OPTIONS, and WebSocket
 *   upgrades see only `cut-websockets` and `refuse-upgrade`. Pull rewrites apply only to
 *   GET /v1/sync 200 answers, KDF rewrites only to 200 JSON answers that carry `kdf` (by default
 *   prelogin and login-finish). `match.account` only matches requests with a bearer token.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorCode } from '../../lib/api/errors';
import { createLedger, type OlderPick, type SeenBlob } from './hostile-ledger';
import { createProxyPlumbing, type RequestInfo } from './hostile-plumbing';

export type { OlderPick, SeenBlob } from './hostile-ledger';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD';

/** Which requests a rule applies to; every given field must match. */
export interface RequestMatch {
  method?: HttpMethod | readonly HttpMethod[];
  /** The URL path without its query: exact text, one of several, or a pattern. */
  path?: string | readonly string[] | RegExp;
  /** An account id (or a `token:…` name from the request log); authenticated requests only. */
  account?: string;
  /**
   * POST /v1/sync only: the push carries a change to one of these items. (Pull rewrites name their
   * items in the misbehaviour itself.)
   */
  itemIds?: readonly string[];
}

export interface RuleOptions {
  match?: RequestMatch;
  /** Misbehave only this many times (each time it really changed something), then be faithful. */
  times?: number;
}

export type Misbehaviour = RuleOptions &
  (
    | { kind: 'replay-older-blob'; itemId: string; older?: OlderPick }
    | { kind: 'swap-blobs'; itemIds: readonly [string, string] }
    | {
        kind: 'foreign-blob';
        itemId: string;
        from: { account: string; itemId: string } | { blob: string };
      }
    | { kind: 'drop-items'; itemIds?: readonly string[] }
    | { kind: 'forge-delete'; itemId: string }
    | { kind: 'kdf-params'; ops?: number; memBytes?: number; alg?: string }
    | { kind: 'kdf-salt'; salt?: string }
    | {
        kind: 'status';
        status: number;
        error?: ErrorCode | (string & {});
        message?: string;
        /** Forward the request first (the server acts on it), then answer with this failure. */
        forward?: boolean;
      }
    | { kind: 'malformed-json'; body?: string; forward?: boolean }
    | { kind: 'hang' }
    | { kind: 'cut-body'; fraction?: number }
    | { kind: 'cut-websockets' }
    | { kind: 'refuse-upgrade'; status?: number }
  );
export type MisbehaviourKind = Misbehaviour['kind'];

export interface RuleHandle {
  readonly kind: MisbehaviourKind;
  /** How many times it misbehaved (answers rewritten, requests failed, sockets cut). */
  readonly hits: number;
  /** False once cleared or once its `times` are used up. */
  readonly active: boolean;
  clear(): void;
}

/** One change of a POST /v1/sync as a client sent it. */
export interface PushedChange {
  seq: number;
  account: string | undefined;
  epoch: number;
  id: string;
  baseRev: number;
  deleted: boolean;
  blob: string | null;
  /** What became of it on the server, as far as the proxy saw. */
  outcome: 'not-forwarded' | 'pending' | 'applied' | 'conflict' | 'refused';
  /** The revision the server stored it at ('applied' only). */
  rev: number | null;
}

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  /** The query string; values other than `since` and `limit` are redacted. */
  query: string;
  account: string | undefined;
  origin: string | undefined;
  /** The status the client got (the upstream's for a WebSocket), once there is one. */
  status: number | undefined;
  outcome:
    | 'pending'
    | 'answered'
    | 'held'
    | 'cut'
    | 'client-gone'
    | 'upstream-failed'
    | 'proxy-closed'
    | 'proxy-error'
    | 'websocket'
    | 'refused';
  /** Whether the request reached the server. */
  forwarded: boolean;
  misbehaviours: MisbehaviourKind[];
  /** POST /v1/sync only. */
  changes?: PushedChange[];
  /** 'proxy-error' only: a bug in this harness. */
  error?: string;
}

export interface HostileServer {
  /** `http://127.0.0.1:PORT`, to use as the client's server URL. */
  readonly url: string;
  misbehave(misbehaviour: Misbehaviour): RuleHandle;
  /** Clears every rule: faithful from now on; held requests are forwarded. */
  clear(): void;
  requests(): LoggedRequest[];
  pushedChanges(): PushedChange[];
  /** Every version of an item's blob that passed (push bodies, pull and conflict answers). */
  seenBlobs(itemId: string, account?: string): SeenBlob[];
  /** Requests currently held by `hang`. */
  held(): number;
  openWebSockets(): number;
  /** Destroys every open WebSocket (both sides) now; returns how many. */
  cutWebSockets(): number;
  /** The first logged request (oldest first) the predicate accepts, re-checked on every change. */
  waitForRequest(
    predicate: (request: LoggedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<LoggedRequest>;
  close(): Promise<void>;
}

/** A registered misbehaviour and its state (internal to the proxy's files). */
export interface Rule {
  m: Misbehaviour;
  remaining: number;
  hits: number;
  state: 'active' | 'spent' | 'cleared';
}

const ANSWER_KINDS: readonly MisbehaviourKind[] = ['status', 'malformed-json', 'hang', 'cut-body'];
const UPGRADE_KINDS: readonly MisbehaviourKind[] = ['cut-websockets', 'refuse-upgrade'];
const KDF_PATHS = ['/v1/auth/prelogin', '/v1/auth/login/finish'];
const some = <T>(value: T | readonly T[]): readonly T[] =>
  typeof value === 'string' ? [value] : (value as readonly T[]);

function pathMatches(wanted: RequestMatch['path'], path: string): boolean {
  if (wanted === undefined) return true;
  return wanted instanceof RegExp ? wanted.test(path) : some(wanted).includes(path);
}

/** Whether a rule applies to a request (its `match`, else the defaults of its kind). */
export function ruleMatches(rule: Rule, ex: RequestInfo): boolean {
  const { method, path, account, itemIds } = rule.m.match ?? {};
  const kdf = rule.m.kind === 'kdf-params' || rule.m.kind === 'kdf-salt';
  // A preflight is the browser asking, not the client: only a rule that names OPTIONS touches it.
  const methodOk =
    method === undefined ? ex.method !== 'OPTIONS' : some<string>(method).includes(ex.method);
  return (
    methodOk &&
    pathMatches(path ?? (kdf ? KDF_PATHS : undefined), ex.path) &&
    (account === undefined || account === ex.account) &&
    (itemIds === undefined || itemIds.some((id) => ex.itemIds?.includes(id)))
  );
}

export async function startHostileServer(options: { target: string }): Promise<HostileServer> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:') throw new Error('The hostile proxy forwards to http:// only.');
  const rules: Rule[] = [];
  const ledger = createLedger();
  const active = (ex: RequestInfo, kinds: (kind: MisbehaviourKind) => boolean) =>
    rules.filter((r) => r.state === 'active' && kinds(r.m.kind) && ruleMatches(r, ex));
  const plumbing = createProxyPlumbing({
    target,
    ledger,
    answerRule: (ex) => active(ex, (k) => ANSWER_KINDS.includes(k))[0],
    upgradeRules: (ex) => active(ex, (k) => UPGRADE_KINDS.includes(k)),
    rewriteRules: (ex) =>
      active(ex, (k) => !ANSWER_KINDS.includes(k) && !UPGRADE_KINDS.includes(k)),
  });
  const server = http.createServer(plumbing.onRequest);
  server.on('upgrade', plumbing.onUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  function clearRule(rule: Rule) {
    if (rule.state === 'cleared') return;
    rule.state = 'cleared';
    rules.splice(rules.indexOf(rule), 1);
    plumbing.release(rule);
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    misbehave(m) {
      if (m.times !== undefined && !(Number.isInteger(m.times) && m.times >= 1)) {
        throw new Error('`times` must be a positive integer.');
      }
      if (m.kind === 'status' && !(m.status >= 200 && m.status <= 599)) {
        throw new Error('`status` must be a final status (200–599).');
      }
      // One salt per rule, so prelogin and login-finish tell the same lie.
      const resolved: Misbehaviour =
        m.kind === 'kdf-salt' ? { ...m, salt: m.salt ?? randomBytes(16).toString('base64url') } : m;
      const rule: Rule = { m: resolved, remaining: m.times ?? Infinity, hits: 0, state: 'active' };
      rules.push(rule);
      if (m.kind === 'cut-websockets') rule.hits += plumbing.cutWebSockets();
      return {
        kind: m.kind,
        get hits() {
          return rule.hits;
        },
        get active() {
          return rule.state === 'active';
        },
        clear: () => clearRule(rule),
      };
    },
    clear: () => [...rules].forEach(clearRule),
    requests: () => structuredClone(plumbing.log),
    pushedChanges: () => structuredClone(plumbing.pushed),
    seenBlobs: (itemId, account) => ledger.versions(itemId, account),
    held: () => plumbing.held(),
    openWebSockets: () => plumbing.openWebSockets(),
    cutWebSockets: () => plumbing.cutWebSockets(),
    waitForRequest: (predicate, timeoutMs = 10_000) => plumbing.waitFor(predicate, timeoutMs),
    close() {
      closing ??= new Promise<void>((resolve) => {
        plumbing.shutDown();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
