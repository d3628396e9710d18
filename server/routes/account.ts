import { Hono } from 'hono';
import {
  passwordChangeRequestSchema,
  passwordStartRequestSchema,
  sessionParamSchema,
  unlockReportRequestSchema,
} from '../../lib/api/account';
import { syncModeRequestSchema } from '../../lib/api/sync-mode';
import type { AppEnv } from '../deps';
import { ApiError } from '../http/errors';
import { requireSession } from '../http/session';
import { jsonBody, pathParams } from '../http/validate';
import { registrationResponse } from '../services/accounts';
import type { RouteContext } from './context';

/** /v1/account: the signed-in account, its devices (sign-outs, unlock reports), password change. */
export function accountRoutes({ deps, services }: RouteContext) {
  // Per route, not app.use('*'): /v1/account/reset/* is mounted beside and is not authenticated.
  const auth = requireSession(services.sessions);
  return new Hono<AppEnv>()
    .get('/', auth, async (c) => {
      const { accountId, sessionId } = c.var.session;
      const account = await services.accounts.get(accountId);
      return c.json(
        {
          accountId,
          email: account.email,
          plan: c.var.session.plan,
          rev: account.rev,
          epoch: account.epoch,
          hint: account.hint,
          createdAt: account.created_at,
          sessions: await services.sessions.list(accountId, sessionId),
          syncMode: c.var.session.syncMode,
        },
        200,
      );
    })
    .get('/sync-mode', auth, async (c) =>
      c.json(await services.sync.mode(c.var.session.accountId), 200),
    )
    .put('/sync-mode', auth, jsonBody(syncModeRequestSchema), async (c) => {
      const { accountId } = c.var.session;
      const result = await services.sync.setMode(accountId, c.req.valid('json').mode);
      deps.log.info({ accountId, mode: result.mode }, 'sync mode changed');
      return c.json(result, 200);
    })
    .delete('/sessions/:id', auth, pathParams(sessionParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      const { accountId, sessionId } = c.var.session;
      // Another device is told who signed it out; this one is a plain logout.
      const ended =
        id === sessionId
          ? (await services.sessions.revoke(accountId, id))
            ? [id]
            : []
          : await services.sessions.revokeWithNotice(accountId, [id], {
              deviceName: await services.sessions.deviceName(sessionId),
            });
      if (ended.length === 0) throw new ApiError(404, 'not_found', 'no such session');
      deps.live.publish({ type: 'session-ended', accountId, sessionId: id });
      return c.json({ ok: true as const }, 200);
    })
    .post('/sessions/revoke-others', auth, async (c) => {
      const { accountId, sessionId } = c.var.session;
      const ended = await services.sessions.revokeWithNotice(accountId, 'all-but', {
        deviceName: await services.sessions.deviceName(sessionId),
        keep: sessionId,
      });
      deps.live.publish({ type: 'other-sessions-ended', accountId, keep: sessionId });
      return c.json({ revokedSessions: ended.length }, 200);
    })
    .post('/unlocks', auth, jsonBody(unlockReportRequestSchema), async (c) => {
      await services.sessions.reportUnlock(c.var.session.sessionId, c.req.valid('json').unlockedAt);
      return c.json({ ok: true as const }, 200);
    })
    .post('/password/start', auth, jsonBody(passwordStartRequestSchema), (c) => {
      const { registrationRequest } = c.req.valid('json');
      return c.json(
        {
          registrationResponse: registrationResponse(
            deps,
            c.var.session.email,
            registrationRequest,
          ),
        },
        200,
      );
    })
    .post('/password', auth, jsonBody(passwordChangeRequestSchema), async (c) => {
      const result = await services.password.change(c.var.session, c.req.valid('json'));
      const { accountId, sessionId } = c.var.session;
      deps.live.publish({ type: 'other-sessions-ended', accountId, keep: sessionId });
      deps.log.info({ accountId: c.var.session.accountId, ...result }, 'password changed');
      return c.json(result, 200);
    });
}
