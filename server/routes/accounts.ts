import { Hono } from 'hono';
import { registerFinishRequestSchema, registerStartRequestSchema } from '../../lib/api/auth';
import type { AppEnv } from '../deps';
import { clientAddress } from '../http/client-address';
import { jsonBody } from '../http/validate';
import { registrationResponse } from '../services/accounts';
import type { RouteContext } from './context';

/** /v1/accounts: OPAQUE registration (RFC 9807 §5) of a new account. */
export function accountsRoutes({ deps, services }: RouteContext) {
  const limit = deps.settings.rateLimits;
  return new Hono<AppEnv>()
    .post('/register/start', jsonBody(registerStartRequestSchema), (c) => {
      const { email, registrationRequest } = c.req.valid('json');
      return c.json(
        { registrationResponse: registrationResponse(deps, email, registrationRequest) },
        200,
      );
    })
    .post('/register/finish', jsonBody(registerFinishRequestSchema), async (c) => {
      const input = c.req.valid('json');
      await services.rateLimiter.check(
        limit,
        'register',
        input.email,
        clientAddress(c, deps.settings.trustProxy),
      );
      const account = await services.accounts.register(input, deps.settings.defaultPlan);
      deps.log.info({ accountId: account.id }, 'account registered');
      return c.json(
        { accountId: account.id, epoch: account.epoch, plan: deps.settings.defaultPlan },
        201,
      );
    });
}
