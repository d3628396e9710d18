import { Hono } from 'hono';
import {
  registerFinishRequestSchema,
  registerStartRequestSchema,
  verifyEmailRequestSchema,
} from '../../lib/api/auth';
import type { AppEnv } from '../deps';
import { clientAddress } from '../http/client-address';
import { ApiError } from '../http/errors';
import { requestLanguage } from '../http/language';
import { jsonBody } from '../http/validate';
import { registrationResponse } from '../services/accounts';
import { randomToken } from '../services/tokens';
import type { RouteContext } from './context';

/**
 * /v1/accounts: email verification, then OPAQUE registration (RFC 9807 §5) of a new account.
 * Nothing here answers differently for a taken email (issue 11): verify is always the same 202,
 * register/start is stateless, and register/finish fails as a wrong code.
 */
export function accountsRoutes({ deps, services }: RouteContext) {
  const limit = deps.settings.rateLimits;
  return new Hono<AppEnv>()
    .post('/verify', jsonBody(verifyEmailRequestSchema), async (c) => {
      const { email } = c.req.valid('json');
      await services.rateLimiter.check(
        limit,
        'verify',
        email,
        clientAddress(c, deps.settings.trustProxy),
      );
      const verificationId = randomToken(16);
      services.verification.requestInBackground(email, verificationId, requestLanguage(c));
      return c.json({ status: 'check-email' as const, verificationId }, 202);
    })
    .post('/register/start', jsonBody(registerStartRequestSchema), (c) => {
      const { email, registrationRequest } = c.req.valid('json');
      return c.json(
        { registrationResponse: registrationResponse(deps, email, registrationRequest) },
        200,
      );
    })
    .post('/register/finish', jsonBody(registerFinishRequestSchema), async (c) => {
      const input = c.req.valid('json');
      const address = clientAddress(c, deps.settings.trustProxy);
      await services.rateLimiter.check(limit, 'register', input.email, address);
      const guesses = services.rateLimiter.guesses(limit, 'verify-code', input.email, address);
      await guesses.ensureLeft();
      const account = await services.accounts
        .register(input, deps.settings.defaultPlan, services.verification)
        .catch(async (error: unknown) => {
          if (error instanceof ApiError && error.code === 'invalid_code') await guesses.failed();
          throw error;
        });
      deps.log.info({ accountId: account.id }, 'account registered');
      return c.json(
        { accountId: account.id, epoch: account.epoch, plan: deps.settings.defaultPlan },
        201,
      );
    });
}
