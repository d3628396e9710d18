import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { EVENTS_TICKET_SECONDS } from '../../lib/api/events';
import type { AppEnv } from '../deps';
import { errorJson } from '../http/errors';
import { isExtensionOrigin } from '../http/middleware';
import { requireSession } from '../http/session';
import type { Limit } from '../services/rate-limit';
import type { RouteContext } from './context';

/** A worker reconnecting with backoff needs a few a minute; a loop would need thousands. */
const TICKETS_PER_SESSION: Limit = { limit: 30, windowMs: 60_000 };

/**
 * A browser sends the page's Origin with every WebSocket handshake and CORS does not apply to
 * WebSockets, so this check is what stops a website from opening one with a ticket it got hold
 * of. (Scripts outside a browser can send any Origin; the ticket is the real gate.) Over the
 * upgrade path @hono/node-server answers with the status and headers but no body.
 */
const extensionOriginOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!isExtensionOrigin(c.req.header('Origin'))) {
    return errorJson(c, 403, 'forbidden', 'live events are for the Cassaforte extension only');
  }
  await next();
});

/** /v1/events: live revision notices (DESIGN §4 "Live"; protocol in lib/api/events.ts). */
export function eventsRoutes({ deps, services }: RouteContext) {
  return new Hono<AppEnv>()
    .post('/ticket', requireSession(services.sessions), async (c) => {
      const { sessionId, accountId } = c.var.session;
      await services.rateLimiter.checkKey(
        deps.settings.rateLimits,
        'events-ticket',
        sessionId,
        TICKETS_PER_SESSION,
      );
      const ticket = await services.eventTickets.issue({ sessionId, accountId });
      return c.json({ ticket, expiresInSeconds: EVENTS_TICKET_SECONDS }, 200);
    })
    .get(
      '/',
      extensionOriginOnly,
      // No credentials in the URL (it ends up in logs): the ticket comes as the first message.
      upgradeWebSocket(() => deps.live.connect()),
      (c) => errorJson(c, 426, 'bad_request', 'GET /v1/events is a WebSocket'),
    );
}
