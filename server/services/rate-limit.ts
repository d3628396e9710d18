import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { ApiError } from '../http/errors';
import { keyedHash } from './tokens';

export interface Limit {
  limit: number;
  windowMs: number;
}

export type RateLimitedAction = 'prelogin' | 'login' | 'register' | 'reset';

/** Per action: one budget per email and one per client address. */
export type RateLimitPolicy = Record<RateLimitedAction, { email: Limit; address: Limit }>;

const MINUTE = 60_000;

/**
 * Generous for people, tight for scripts. Online guessing is hopeless anyway (the OPAQUE input
 * carries the 128-bit account key), so these mostly stop email enumeration, mail bombing, and
 * CPU burn on the OPAQUE endpoints.
 */
export const DEFAULT_RATE_LIMITS: RateLimitPolicy = {
  prelogin: {
    email: { limit: 30, windowMs: 10 * MINUTE },
    address: { limit: 300, windowMs: 10 * MINUTE },
  },
  login: {
    email: { limit: 20, windowMs: 10 * MINUTE },
    address: { limit: 200, windowMs: 10 * MINUTE },
  },
  register: {
    email: { limit: 10, windowMs: 60 * MINUTE },
    address: { limit: 30, windowMs: 60 * MINUTE },
  },
  reset: {
    email: { limit: 5, windowMs: 60 * MINUTE },
    address: { limit: 30, windowMs: 60 * MINUTE },
  },
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

  async function consume(action: string, kind: string, value: string, limit: Limit) {
    const key = `${action}:${kind}:${keyedHash(secret, 'rate-limit', value).toString('base64url')}`;
    const { count: used, resetAt } = await count(key, limit.windowMs);
    if (used > limit.limit) {
      const retryAfter = Math.max(1, Math.ceil((resetAt - now()) / 1000));
      throw new ApiError(429, 'rate_limited', 'too many attempts, try again later', {
        'Retry-After': String(retryAfter),
      });
    }
  }

  return {
    /** Counts one attempt against both budgets; throws a 429 ApiError when either is spent. */
    async check(
      policy: RateLimitPolicy | false,
      action: RateLimitedAction,
      email: string | null,
      address: string,
    ) {
      if (policy === false) return;
      await consume(action, 'address', address, policy[action].address);
      if (email !== null) await consume(action, 'email', email, policy[action].email);
    },

    /** One budget keyed by something other than an email or address (e.g. a session id). */
    async checkKey(policy: RateLimitPolicy | false, action: string, key: string, limit: Limit) {
      if (policy === false) return;
      await consume(action, 'key', key, limit);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
