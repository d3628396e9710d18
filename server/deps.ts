import type { HttpBindings } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Plan } from '../lib/api/common';
import type { SyncMode } from '../lib/api/sync-mode';
import type { Database } from './db/connect';
import type { LiveEvents } from './events/live';
import type { Mailer } from './mail/mailer';
import type { ServerSecrets } from './secrets';
import type { RateLimitPolicy } from './services/rate-limit';

/** What the app needs from the outside world; tests pass their own clock, mailer and logger. */
export interface AppDeps {
  database: Database;
  secrets: ServerSecrets;
  mailer: Mailer;
  log: Logger;
  settings: AppSettings;
  now: () => number;
  /** Live sync: services publish account notices after committing; /v1/events holds sockets. */
  live: LiveEvents;
}

export interface AppSettings {
  publicUrl: string;
  defaultPlan: Plan;
  trustProxy: boolean;
  /** `false` disables rate limiting (load tests only). */
  rateLimits: RateLimitPolicy | false;
}

/** The signed-in caller, set by `requireSession`. */
export interface SessionContext {
  sessionId: string;
  accountId: string;
  email: string;
  plan: Plan;
  rev: number;
  epoch: number;
  /** Where the vault lives, read with the session: pulls of a 'local' account are refused. */
  syncMode: SyncMode;
  /** The revision at which "this device only" last emptied the account; 0 if it never did. */
  wipedRev: number;
}

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: { session: SessionContext };
}
