import { Hono } from 'hono';
import {
  resetConfirmRequestSchema,
  resetRequestRequestSchema,
  resetStartRequestSchema,
} from '../../lib/api/account';
import type { AppEnv } from '../deps';
import { clientAddress } from '../http/client-address';
import { requestLanguage } from '../http/language';
import { jsonBody } from '../http/validate';
import { randomToken } from '../services/tokens';
import type { RouteContext } from './context';

/**
 * /v1/account/reset: request (by email), start (proof + OPAQUE registration step) and confirm
 * (proof + new key material). The proof is the emailed link's token, or the emailed code with the
 * handle this request answered. The extension's reset page drives start/confirm; the server's
 * /reset page only points there (routes/pages.ts).
 */
export function resetRoutes({ deps, services }: RouteContext) {
  const address = (c: Parameters<typeof clientAddress>[0]) =>
    clientAddress(c, deps.settings.trustProxy);
  return new Hono<AppEnv>()
    .post('/request', jsonBody(resetRequestRequestSchema), async (c) => {
      const { email } = c.req.valid('json');
      await services.rateLimiter.check(deps.settings.rateLimits, 'reset', email, address(c));
      // A fresh handle whether or not the email has an account: the answer tells nothing.
      const handle = randomToken(16);
      services.reset.requestInBackground(email, handle, address(c), requestLanguage(c));
      return c.json({ status: 'check-email' as const, handle }, 202);
    })
    .post('/start', jsonBody(resetStartRequestSchema), async (c) => {
      const { proof, registrationRequest } = c.req.valid('json');
      return c.json(await services.reset.start(proof, registrationRequest, address(c)), 200);
    })
    .post('/confirm', jsonBody(resetConfirmRequestSchema), async (c) => {
      const result = await services.reset.confirm(
        c.req.valid('json'),
        address(c),
        requestLanguage(c),
      );
      deps.live.publish({ type: 'reset', ...result });
      deps.log.info(result, 'account reset');
      return c.json(result, 200);
    });
}
