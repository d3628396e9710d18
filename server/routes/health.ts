import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnv } from '../deps';
import type { RouteContext } from './context';

/** GET /v1/health: answers only when the database does, so a load balancer can route around. */
export function healthRoutes({ deps }: RouteContext) {
  return new Hono<AppEnv>().get('/', async (c) => {
    await sql`select 1`.execute(deps.database.db);
    return c.json({ status: 'ok' as const }, 200);
  });
}
