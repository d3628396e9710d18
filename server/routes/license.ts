import { Hono } from 'hono';
import { licenseRedeemRequestSchema } from '../../lib/api/license';
import type { AppEnv } from '../deps';
import { requireSession } from '../http/session';
import { jsonBody } from '../http/validate';
import type { Limit } from '../services/rate-limit';
import type { RouteContext } from './context';

/** Typing a code from a receipt takes a few tries at most; 128-bit codes leave nothing to guess. */
const REDEEMS_PER_SESSION: Limit = { limit: 10, windowMs: 60 * 60_000 };

/** /v1/license: redeem a license code for the signed-in account (DESIGN §5 "License"). */
export function licenseRoutes({ deps, services }: RouteContext) {
  return new Hono<AppEnv>().post(
    '/redeem',
    requireSession(services.sessions),
    jsonBody(licenseRedeemRequestSchema),
    async (c) => {
      const { accountId, sessionId } = c.var.session;
      await services.rateLimiter.checkKey(
        deps.settings.rateLimits,
        'license-redeem',
        sessionId,
        REDEEMS_PER_SESSION,
      );
      const plan = await services.license.redeem(accountId, c.req.valid('json').code);
      deps.log.info({ accountId, plan }, 'license redeemed');
      return c.json({ plan }, 200);
    },
  );
}
