/**
 * The hostile proxy's JSON work (hostile-server.ts has the API): reading what passes (pushed
 * changes, pull and push answers, which session is which account) into the ledger, and rewriting
 * answers the way a lying server would: sync pull entries, the KDF parameters it hands out, and
 * failures it makes up.
 * Each rewrite reports whether it changed anything, so a rule only counts a hit (and spends one of
 * its `times`) when it really misbehaved.
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { syncPullResponseSchema, type SyncItem, type SyncPullResponse } from '../../lib/api/sync';
import { apiHeaders, extensionCors } from '../../server/http/middleware';
import type { Ledger, SeenBlob } from './hostile-ledger';
import type { Answer, Exchange } from './hostile-plumbing';
import type { LoggedRequest, Misbehaviour, PushedChange, Rule } from './hostile-server';

type PullKind = 'replay-older-blob' | 'swap-blobs' | 'foreign-blob' | 'drop-items' | 'forge-delete';
export type PullMisbehaviour = Extract<Misbehaviour, { kind: PullKind }>;
export type KdfMisbehaviour = Extract<Misbehaviour, { kind: 'kdf-params' | 'kdf-salt' }>;

const PULL_KINDS: readonly string[] = [
  'replay-older-blob',
  'swap-blobs',
  'foreign-blob',
  'drop-items',
  'forge-delete',
] satisfies PullKind[];

export const isPullMisbehaviour = (m: Misbehaviour): m is PullMisbehaviour =>
  PULL_KINDS.includes(m.kind);
export const isKdfMisbehaviour = (m: Misbehaviour): m is KdfMisbehaviour =>
  m.kind === 'kdf-params' || m.kind === 'kdf-salt';

/** A pull answer being rewritten, and the entries the rules forged for it so far. */
export interface PullRewrite {
  answer: SyncPullResponse;
  account: string;
  ledger: Ledger;
  /** Item id → what the client will be told the item now is. */
  forged: Map<string, { deleted: boolean; blob: string | null }>;
}

export function parsePull(body: unknown): SyncPullResponse | undefined {
  // Checked with the shared schema, but the original object is kept: zod would strip fields a
  // newer server added, and a rewrite should change only what it means to.
  return syncPullResponseSchema.safeParse(body).success ? (body as SyncPullResponse) : undefined;
}

/** Applies one rule to the answer; true when it changed (or will change) the answer. */
export function rewritePull(rule: PullMisbehaviour, r: PullRewrite): boolean {
  const live = (itemId: string) => r.ledger.latestLive(r.account, itemId)?.blob ?? undefined;
  switch (rule.kind) {
    case 'replay-older-blob': {
      const older = r.ledger.older(r.account, rule.itemId, rule.older ?? 'previous');
      if (!older?.blob) return false;
      r.forged.set(rule.itemId, { deleted: false, blob: older.blob });
      return true;
    }
    case 'swap-blobs': {
      const [a, b] = rule.itemIds;
      const blobA = live(a);
      const blobB = live(b);
      if (blobA === undefined || blobB === undefined) return false;
      r.forged.set(a, { deleted: false, blob: blobB });
      r.forged.set(b, { deleted: false, blob: blobA });
      return true;
    }
    case 'foreign-blob': {
      const blob =
        'blob' in rule.from
          ? rule.from.blob
          : r.ledger.latestLive(rule.from.account, rule.from.itemId)?.blob;
      if (!blob) return false;
      r.forged.set(rule.itemId, { deleted: false, blob });
      return true;
    }
    case 'drop-items': {
      const drop = (item: SyncItem) => rule.itemIds === undefined || rule.itemIds.includes(item.id);
      const before = r.answer.items.length;
      r.answer.items = r.answer.items.filter((item) => !drop(item));
      return r.answer.items.length < before;
    }
    case 'forge-delete':
      r.forged.set(rule.itemId, { deleted: true, blob: null });
      return true;
  }
}

/**
 * Puts the forged entries into the answer at one new revision above the client's cursor, so the
 * client takes them as fresh changes: `max(answer.rev, since + 1)`. The answer's `rev` must cover
 * every item in it (lib/api/sync.ts), so it rises to that revision when the server had nothing
 * newer; the caller remembers that invented cursor. True when there was anything to place.
 */
export function placeForged(r: PullRewrite, since: number): boolean {
  if (r.forged.size === 0) return false;
  const rev = Math.max(r.answer.rev, since + 1);
  r.answer.items = r.answer.items.filter((item) => !r.forged.has(item.id));
  for (const [id, entry] of r.forged) r.answer.items.push({ id, rev, ...entry });
  r.answer.rev = rev;
  return true;
}

/** Rewrites `body.kdf` in place (prelogin and login-finish answers carry it at the top level). */
export function rewriteKdf(rule: KdfMisbehaviour & { salt?: string }, body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('kdf' in body)) return false;
  const kdf = body.kdf;
  if (typeof kdf !== 'object' || kdf === null) return false;
  const params = kdf as Record<string, unknown>;
  if (rule.kind === 'kdf-salt') {
    params.salt = rule.salt;
    return true;
  }
  if (rule.ops !== undefined) params.ops = rule.ops;
  if (rule.memBytes !== undefined) params.memBytes = rule.memBytes;
  if (rule.alg !== undefined) params.alg = rule.alg;
  return true;
}

const MALFORMED = '{"rev": 7, "items": [{"id": "';

/** A failure answer made up by the proxy, carrying the server's own CORS and API headers. */
export async function synthetic(
  ex: Exchange,
  m: Extract<Misbehaviour, { kind: 'status' | 'malformed-json' }>,
): Promise<Answer> {
  const status = m.kind === 'status' ? m.status : 200;
  const text =
    m.kind === 'status'
      ? JSON.stringify({
          error: m.error ?? (status >= 500 ? 'internal' : 'bad_request'),
          message: m.message ?? (status >= 500 ? 'internal error' : 'request refused'),
        })
      : (m.body ?? MALFORMED);
  const app = new Hono().use('*', apiHeaders, extensionCors);
  app.all('*', (c) =>
    status === 204 || status === 304
      ? c.body(null, status)
      : c.body(text, status as ContentfulStatusCode, { 'content-type': 'application/json' }),
  );
  const origin = ex.req.headers.origin;
  const response = await app.request(ex.path, { headers: origin ? { origin } : {} });
  return {
    status: response.status,
    headers: [...response.headers],
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** A rule misbehaved once: count it, and retire it when its `times` are used up. */
export function spend(rule: Rule, entry: LoggedRequest) {
  rule.hits += 1;
  entry.misbehaviours.push(rule.m.kind);
  rule.remaining -= 1;
  if (rule.remaining <= 0 && rule.state === 'active') rule.state = 'spent';
}

/** Records a push's changes before anything else can happen to the request. */
export function notePush(ex: Exchange): PushedChange[] | undefined {
  const body = parseJson(ex.body) as { epoch?: unknown; changes?: unknown } | undefined;
  if (!Array.isArray(body?.changes)) return undefined;
  ex.entry.changes = (body.changes as Record<string, unknown>[]).map((c) => ({
    seq: ex.entry.seq,
    account: ex.account,
    epoch: Number(body.epoch),
    id: String(c.id),
    baseRev: Number(c.baseRev),
    deleted: c.deleted === true,
    blob: typeof c.blob === 'string' ? c.blob : null,
    outcome: 'not-forwarded',
    rev: null,
  }));
  return ex.entry.changes;
}

/** Learns tokens, blobs and revisions from the server's real answer; returns its JSON. */
export function learn(ex: Exchange, status: number, answer: Buffer, ledger: Ledger): unknown {
  const json = status === 200 ? parseJson(answer) : undefined;
  const body = (json ?? {}) as Record<string, unknown>;
  const seen = (v: Omit<SeenBlob, 'account' | 'seq'>) =>
    ledger.record({ ...v, account: ex.account!, seq: ex.entry.seq });
  if (typeof body.accountId === 'string') {
    const token = ex.path === '/v1/auth/login/finish' ? body.token : ex.token;
    if (
      typeof token === 'string' &&
      (ex.path === '/v1/auth/login/finish' || ex.path === '/v1/account')
    ) {
      ledger.learnToken(token, body.accountId);
      ex.entry.account = ex.account = body.accountId;
    }
  }
  if (ex.account === undefined || ex.path !== '/v1/sync') return json;
  if (ex.method === 'POST') {
    const applied = new Map(
      (body.applied as { id: string; rev: number }[] | undefined)?.map((a) => [a.id, a.rev]),
    );
    const conflicts = (body.conflicts ?? []) as { id: string; server: SyncItem | null }[];
    for (const change of ex.entry.changes ?? []) {
      const rev = applied.get(change.id) ?? null;
      change.outcome = json === undefined ? 'refused' : rev !== null ? 'applied' : 'conflict';
      change.rev = rev;
      const { epoch, deleted, blob } = change;
      seen({ itemId: change.id, rev, epoch, deleted, blob, source: 'push' });
    }
    for (const { server: s } of conflicts) {
      if (s)
        seen({
          itemId: s.id,
          rev: s.rev,
          deleted: s.deleted,
          blob: s.blob,
          epoch: null,
          source: 'conflict',
        });
    }
  }
  const pull = ex.method === 'GET' ? parsePull(json) : undefined;
  for (const i of pull?.items ?? []) {
    seen({
      itemId: i.id,
      rev: i.rev,
      deleted: i.deleted,
      blob: i.blob,
      epoch: pull!.epoch,
      source: 'pull',
    });
  }
  return json;
}

/** Applies the rules to the answer's JSON in place; true when anything changed. */
export function rewriteJson(ex: Exchange, json: unknown, rules: Rule[], ledger: Ledger): boolean {
  if (json === undefined) return false;
  let touched = false;
  const pull = ex.method === 'GET' && ex.path === '/v1/sync' ? parsePull(json) : undefined;
  for (const rule of rules) {
    if (isKdfMisbehaviour(rule.m) && rewriteKdf(rule.m, json)) {
      spend(rule, ex.entry);
      touched = true;
    }
  }
  if (pull && ex.account !== undefined) {
    const since = ex.clientSince ?? Number(ex.url.searchParams.get('since') ?? 0);
    const realRev = pull.rev;
    const r: PullRewrite = { answer: pull, account: ex.account, ledger, forged: new Map() };
    for (const rule of rules) {
      if (isPullMisbehaviour(rule.m) && rewritePull(rule.m, r)) {
        spend(rule, ex.entry);
        touched = true;
      }
    }
    if (ex.clientSince !== undefined && pull.rev < ex.clientSince) {
      // Never report a cursor below the one the client sent: that would look like a rollback.
      pull.rev = ex.clientSince;
      touched = true;
    }
    if (placeForged(r, since)) touched = true;
    // The client's cursor is now `pull.rev`; the server's is `realRev` (see hostile-server.ts).
    const session = ledger.sessionKey(ex.token!);
    ledger.cursorReached(session, realRev);
    if (pull.rev > realRev) ledger.forgeCursor(session, pull.rev, realRev);
  }
  return touched;
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
