import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { ApiError } from '../http/errors';
import { keyedHash } from './tokens';

export interface Limit {
  limit: number;
  windowMs: number;
}

/** Actions where every try counts. */
export type RateLimitedAction = 'prelogin' | 'login' | 'register' | 'verify' | 'reset';
/** Guesses of an emailed short code: only wrong ones count, and the right one needs a budget left. */
export type GuessAction = 'reset-code' | 'verify-code';

/**
 * Per action, three budgets (issue 11): per (email, client address), so a stranger who knows only
 * the email spends their own budget and never the owner's; per email, a ceiling far above what
 * one person uses, which only an attacker with many addresses can reach; per address, against
 * one client trying many emails.
 */
export interface Budgets {
  pair: Limit;
  email: Limit;
  address: Limit;
}
export type RateLimitPolicy = Record<RateLimitedAction | GuessAction, Budgets>;

const MINUTE = 60_000;

const budgets = (windowMs: number, pair: number, email: number, address: number): Budgets => ({
  pair: { limit: pair, windowMs },
  email: { limit: email, windowMs },
  address: { limit: address, windowMs },
});

/**
 * Generous for people, tight for scripts. Online guessing of a password is hopeless anyway (the
 * OPAQUE input carries the 128-bit account key), so these stop email enumeration, mail bombing
 * and CPU burn on the OPAQUE endpoints, and bound the guesses at 40-bit short codes: 100 wrong
 * codes per email per half hour leave a chance of 1 in 10^10.
 */
export const DEFAULT_RATE_LIMITS: RateLimitPolicy = {
  prelogin: budgets(10 * MINUTE, 30, 1000, 300),
  login: budgets(10 * MINUTE, 20, 1000, 200),
  register: budgets(60 * MINUTE, 10, 100, 30),
  // Each one sends an email: the per-email ceiling is what bounds mail bombing.
  verify: budgets(60 * MINUTE, 5, 20, 30),
  reset: budgets(60 * MINUTE, 5, 20, 30),
  'reset-code': budgets(30 * MINUTE, 10, 100, 50),
  'verify-code': budgets(30 * MINUTE, 10, 100, 50),
};

/**
 * Fixed-window counters in the database, so every instance behind a load balancer shares them.
 * Keys are keyed hashes: the table never lists emails or addresses.
 */
export function createRateLimiter(db: Kysely<Schema>, secret: Buffer, now: () => number) {
  async function count(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const t = now();
    const windowStart = t - (t % windowMs);
    const row = await db
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          count: eb
            .case()
            .when('rate_limits.window_start', '=', windowStart)
            .then(eb('rate_limits.count', '+', 1))
            .else(1)
            .end(),
          window_start: windowStart,
        })),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    return { count: row.count, resetAt: windowStart + windowMs };
  }

  const keyOf = (action: string, kind: string, value: string) =>
    `${action}:${kind}:${keyedHash(secret, 'rate-limit', value).toString('base64url')}`;

  function refuse(resetAt: number): never {
    const retryAfter = Math.max(1, Math.ceil((resetAt - now()) / 1000));
    throw new ApiError(429, 'rate_limited', 'too many attempts, try again later', {
      'Retry-After': String(retryAfter),
    });
  }

  async function consume(key: string, limit: Limit) {
    const { count: used, resetAt } = await count(key, limit.windowMs);
    if (used > limit.limit) refuse(resetAt);
  }

  /** The three keys of an action, cheapest refusal first: one client, then the pair, then the email. */
  function keysOf(action: string, all: Budgets, email: string | null, address: string) {
    const keys: { key: string; limit: Limit }[] = [
      { key: keyOf(action, 'address', address), limit: all.address },
    ];
    if (email !== null) {
      keys.push({ key: keyOf(action, 'pair', `${email}\0${address}`), limit: all.pair });
      keys.push({ key: keyOf(action, 'email', email), limit: all.email });
    }
    return keys;
  }

  return {
    /**
     * Counts one attempt against the address, (email, address) and email budgets, in that
     * order; throws a 429 ApiError at the first one spent, so a client past its own budget
     * stops counting against the email's ceiling.
     */
    async check(
      policy: RateLimitPolicy | false,
      action: RateLimitedAction,
      email: string | null,
      address: string,
    ) {
      if (policy === false) return;
      for (const { key, limit } of keysOf(action, policy[action], email, address)) {
        await consume(key, limit);
      }
    },
    /**
     * Guesses at an emailed code: `ensureLeft` refuses (429) once wrong tries spent a budget,
     * before the guess is even looked at; `failed` counts a wrong one. Right guesses cost nothing.
     */
    guesses(
      policy: RateLimitPolicy | false,
      action: GuessAction,
      email: string | null,
      address: string,
    ) {
      const keys = policy === false ? [] : keysOf(action, policy[action], email, address);
      return {
        async ensureLeft() {
          const t = now();
          for (const { key, limit } of keys) {
            const windowStart = t - (t % limit.windowMs);
            const row = await db
              .selectFrom('rate_limits')
              .select('count')
              .where('key', '=', key)
              .where('window_start', '=', windowStart)
              .executeTakeFirst();
            if ((row?.count ?? 0) >= limit.limit) refuse(windowStart + limit.windowMs);
          }
        },
        async failed() {
          for (const { key, limit } of keys) await count(key, limit.windowMs);
        },
      };
    },
    /** One budget keyed by something other than an email or address (e.g. a session id). */
    async checkKey(policy: RateLimitPolicy | false, action: string, key: string, limit: Limit) {
      if (policy === false) return;
      await consume(keyOf(action, 'key', key), limit);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
