import { createMiddleware } from 'hono/factory';
import { tokenSchema } from '../../lib/api/common';
import type { AppEnv } from '../deps';
import type { SessionService } from '../services/sessions';
import { ApiError } from './errors';

/** `Authorization: Bearer <token>` → `c.var.session`, or a 401. */
export function requireSession(sessions: SessionService) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const match = /^Bearer ([^\s]+)$/.exec(c.req.header('Authorization') ?? '');
    const token = match?.[1];
    const session =
      token !== undefined && tokenSchema.safeParse(token).success
        ? await sessions.authenticate(token)
        : null;
    if (session === null && token !== undefined && (await sessions.endedByReset(token))) {
      throw new ApiError(
        409,
        'stale_epoch',
        'the account was reset: sign in again with the new key',
      );
    }
    if (session === null) {
      throw new ApiError(
        401,
        'unauthorized',
        'sign in first (missing, expired or revoked session)',
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
    }
    c.set('session', session);
    await next();
  });
}
