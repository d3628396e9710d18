import { createMiddleware } from 'hono/factory';
import { tokenSchema } from '../../lib/api/common';
import type { AppEnv } from '../deps';
import type { SessionService } from '../services/sessions';
import { ApiError } from './errors';

const bearer = { 'WWW-Authenticate': 'Bearer' };

/**
 * `Authorization: Bearer <token>` → `c.var.session`, or the reason it ended, so the device can
 * say what happened (sessionEndedErrorSchema): 409 stale_epoch after a reset, 401 session_revoked
 * when another device signed it out, 401 session_expired after a year, else 401 unauthorized.
 */
export function requireSession(sessions: SessionService) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const match = /^Bearer ([^\s]+)$/.exec(c.req.header('Authorization') ?? '');
    const token = match?.[1];
    const wellFormed = token !== undefined && tokenSchema.safeParse(token).success;
    const session = wellFormed ? await sessions.authenticate(token) : null;
    if (session === null) {
      const end = wellFormed ? await sessions.whyEnded(token) : null;
      switch (end?.reason) {
        case 'reset':
          throw new ApiError(
            409,
            'stale_epoch',
            'the account was reset: sign in again with the new key',
            {},
            { at: end.at },
          );
        case 'revoked':
          throw new ApiError(
            401,
            'session_revoked',
            'another device signed this one out',
            bearer,
            end.by === null ? { at: end.at } : { at: end.at, by: end.by },
          );
        case 'expired':
          throw new ApiError(
            401,
            'session_expired',
            'this sign-in is a year old: sign in with the password again',
            bearer,
            { at: end.at },
          );
        default:
          throw new ApiError(
            401,
            'unauthorized',
            'sign in first (missing, expired or revoked session)',
            bearer,
          );
      }
    }
    c.set('session', session);
    await next();
  });
}
