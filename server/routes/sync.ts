import { Hono } from 'hono';
import { syncPushRequestSchema, syncQuerySchema } from '../../lib/api/sync';
import type { AppEnv } from '../deps';
import { requireSession } from '../http/session';
import { jsonBody, queryParams } from '../http/validate';
import type { RouteContext } from './context';

/** /v1/sync: delta pull and batched compare-and-swap push (DESIGN §4). */
export function syncRoutes({ services }: RouteContext) {
  const auth = requireSession(services.sessions);
  return new Hono<AppEnv>()
    .get('/', auth, queryParams(syncQuerySchema), async (c) => {
      const { since, limit } = c.req.valid('query');
      return c.json(await services.sync.pull(c.var.session, since, limit), 200);
    })
    .post(
      '/',
      auth,
      jsonBody(syncPushRequestSchema, {
        // An oversized blob or batch is "content too large" (413), not a malformed request.
        tooLarge: (issue) =>
          issue.code === 'too_big' &&
          issue.path[0] === 'changes' &&
          (issue.path.length === 1 || issue.path.at(-1) === 'blob'),
      }),
      async (c) => {
        const { epoch, changes } = c.req.valid('json');
        return c.json(await services.sync.push(c.var.session.accountId, epoch, changes), 200);
      },
    );
}
