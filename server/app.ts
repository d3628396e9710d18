import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LIMITS } from '../lib/api/limits';
import type { AppDeps, AppEnv } from './deps';
import { createEventTicketStore } from './events/tickets';
import { createErrorHandler, errorJson } from './http/errors';
import { apiHeaders, extensionCors, requestLog } from './http/middleware';
import { accountRoutes } from './routes/account';
import { accountsRoutes } from './routes/accounts';
import { authRoutes } from './routes/auth';
import { eventsRoutes } from './routes/events';
import type { RouteContext } from './routes/context';
import { healthRoutes } from './routes/health';
import { licenseRoutes } from './routes/license';
import { notFoundForBrowsersToo, pageRoutes } from './routes/pages';
import { resetRoutes } from './routes/reset';
import { syncRoutes } from './routes/sync';
import { createAccountService } from './services/accounts';
import { createLicenseService } from './services/license';
import { createLoginService } from './services/login';
import { createPasswordService } from './services/password';
import { createRateLimiter } from './services/rate-limit';
import { createResetService } from './services/reset';
import { createSessionService } from './services/sessions';
import { createSignInService } from './services/sign-in';
import { createSyncService } from './services/sync';
import { createVerificationService } from './services/verification';

function tooLarge(c: Parameters<Parameters<typeof bodyLimit>[0]['onError'] & object>[0]) {
  return errorJson(c, 413, 'payload_too_large', 'request body too large');
}

const smallBody = bodyLimit({ maxSize: LIMITS.bodyBytes, onError: tooLarge });
const syncBody = bodyLimit({ maxSize: LIMITS.syncBodyBytes, onError: tooLarge });

/** The whole API as one Hono app; the wiring of services happens here and only here. */
export function createApp(deps: AppDeps) {
  const login = createLoginService(deps);
  const accounts = createAccountService(deps);
  const sessions = createSessionService(deps);
  const rateLimiter = createRateLimiter(deps.database.db, deps.secrets.serverSecret, deps.now);
  const ctx: RouteContext = {
    deps,
    services: {
      accounts,
      sessions,
      login,
      signIn: createSignInService(deps, accounts, sessions),
      verification: createVerificationService(deps),
      sync: createSyncService(deps),
      password: createPasswordService(deps, login),
      reset: createResetService(deps, rateLimiter),
      license: createLicenseService(deps),
      rateLimiter,
      eventTickets: createEventTicketStore(deps.database.db, deps.now),
    },
  };

  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(deps.log));
  app.notFound(notFoundForBrowsersToo);
  app.use('*', requestLog(deps.log), apiHeaders, extensionCors);
  app.use('*', (c, next) => (c.req.path === '/v1/sync' ? syncBody(c, next) : smallBody(c, next)));

  return app
    .route('/v1/health', healthRoutes(ctx))
    .route('/v1/auth', authRoutes(ctx))
    .route('/v1/accounts', accountsRoutes(ctx))
    .route('/v1/account/reset', resetRoutes(ctx))
    .route('/v1/account', accountRoutes(ctx))
    .route('/v1/sync', syncRoutes(ctx))
    .route('/v1/events', eventsRoutes(ctx))
    .route('/v1/license', licenseRoutes(ctx))
    .route('/', pageRoutes(deps.settings.publicUrl));
}

/** For the extension's typed client: `hc<AppType>(serverUrl)`. */
export type AppType = ReturnType<typeof createApp>;
