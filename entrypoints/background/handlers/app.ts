import type { AppStatus } from '@/lib/messaging/protocol';
import type { Handlers } from '../router';
import type { SessionService } from '../services/session';

export function createAppHandlers(deps: { session: SessionService; version: string }) {
  const status = (): AppStatus => ({
    version: deps.version,
    state: deps.session.state(),
    email: deps.session.email(),
  });

  return {
    'app.status': async () => status(),
    'session.lock': async () => {
      deps.session.lock();
      return status();
    },
  } satisfies Partial<Handlers>;
}
