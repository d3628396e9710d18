import { Hono } from 'hono';
import {
  loginFinishRequestSchema,
  loginStartRequestSchema,
  preloginRequestSchema,
} from '../../lib/api/auth';
import type { AppEnv } from '../deps';
import { clientAddress } from '../http/client-address';
import { requestLanguage } from '../http/language';
import { requireSession } from '../http/session';
import { jsonBody } from '../http/validate';
import { storedKdf } from '../services/accounts';
import type { RouteContext } from './context';

/** /v1/auth: prelogin, OPAQUE login (RFC 9807 §6) and logout. */
export function authRoutes({ deps, services }: RouteContext) {
  const limit = deps.settings.rateLimits;
  const address = (c: Parameters<typeof clientAddress>[0]) =>
    clientAddress(c, deps.settings.trustProxy);
  return new Hono<AppEnv>()
    .post('/prelogin', jsonBody(preloginRequestSchema), async (c) => {
      const { email } = c.req.valid('json');
      await services.rateLimiter.check(limit, 'prelogin', email, address(c));
      return c.json({ kdf: await services.accounts.prelogin(email) }, 200);
    })
    .post('/login/start', jsonBody(loginStartRequestSchema), async (c) => {
      const { email, startLoginRequest } = c.req.valid('json');
      await services.rateLimiter.check(limit, 'login', email, address(c));
      return c.json(await services.login.start(email, startLoginRequest), 200);
    })
    .post('/login/finish', jsonBody(loginFinishRequestSchema), async (c) => {
      const { loginId, finishLoginRequest, deviceName, signOutSessions } = c.req.valid('json');
      const accountId = await services.login.finish(loginId, finishLoginRequest);
      const { session, account, plan } = await services.signIn.start({
        accountId,
        deviceName,
        signOutSessions,
        lang: requestLanguage(c),
      });
      deps.log.info({ accountId, sessionId: session.sessionId }, 'signed in');
      return c.json(
        {
          ...session,
          accountId,
          email: account.email,
          epoch: account.epoch,
          rev: account.rev,
          plan,
          kdf: storedKdf(account),
          wrappedVaultKey: account.wrapped_vk,
          hint: account.hint,
        },
        200,
      );
    })
    .post('/logout', requireSession(services.sessions), async (c) => {
      const { accountId, sessionId } = c.var.session;
      await services.sessions.revoke(accountId, sessionId);
      deps.live.publish({ type: 'session-ended', accountId, sessionId });
      return c.json({ ok: true as const }, 200);
    });
}
