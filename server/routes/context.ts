import type { AppDeps } from '../deps';
import type { EventTicketStore } from '../events/tickets';
import type { AccountService } from '../services/accounts';
import type { LicenseService } from '../services/license';
import type { LoginService } from '../services/login';
import type { RateLimiter } from '../services/rate-limit';
import type { SessionService } from '../services/sessions';
import type { SignInService } from '../services/sign-in';
import type { SyncService } from '../services/sync';
import type { createPasswordService } from '../services/password';
import type { createResetService } from '../services/reset';
import type { VerificationService } from '../services/verification';

/** The services every route factory receives, built once in createApp. */
export interface Services {
  accounts: AccountService;
  sessions: SessionService;
  login: LoginService;
  signIn: SignInService;
  verification: VerificationService;
  license: LicenseService;
  sync: SyncService;
  password: ReturnType<typeof createPasswordService>;
  reset: ReturnType<typeof createResetService>;
  rateLimiter: RateLimiter;
  eventTickets: EventTicketStore;
}

export interface RouteContext {
  deps: AppDeps;
  services: Services;
}
