import { Hono } from 'hono';
import {
  resetConfirmRequestSchema,
  resetRequestRequestSchema,
  resetStartRequestSchema,
} from '../../lib/api/account';
import type { AppEnv } from '../deps';
import { clientAddress } from '../http/client-address';
import { jsonBody } from '../http/validate';
import type { RouteContext } from './context';

/**
 * /v1/account/reset: request (by email), start (token + OPAQUE registration step) and confirm
 * (token + new key material). The reset page that drives start/confirm is served elsewhere.
 */
export function resetRoutes({ deps, services }: RouteContext) {
  return new Hono<AppEnv>()
    .post('/request', jsonBody(resetRequestRequestSchema), async (c) => {
      const { email } = c.req.valid('json');
      await services.rateLimiter.check(
        deps.settings.rateLimits,
        'reset',
        email,
        clientAddress(c, deps.settings.trustProxy),
      );
      services.reset.requestInBackground(email);
      return c.json({ status: 'check-email' as const }, 202);
    })
    .post('/start', jsonBody(resetStartRequestSchema), async (c) => {
      const { token, registrationRequest } = c.req.valid('json');
      return c.json(await services.reset.start(token, registrationRequest), 200);
    })
    .post('/confirm', jsonBody(resetConfirmRequestSchema), async (c) => {
      const result = await services.reset.confirm(c.req.valid('json'));
      deps.live.publish({ type: 'reset', ...result });
      deps.log.info(result, 'account reset');
      return c.json(result, 200);
    });
}
