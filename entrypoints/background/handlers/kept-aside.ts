/** What a forced sign-out kept aside, seen from the protocol (services/kept-aside.ts). */
import type { AppStatus } from '@/lib/messaging/protocol';
import type { Handlers } from '../router';
import type { KeptAsideService } from '../services/kept-aside';

export function createKeptAsideHandlers(deps: {
  keptAside: KeptAsideService;
  status: () => Promise<AppStatus>;
  /** Something the popup shows changed. */
  onChanged: () => void;
}) {
  const { keptAside } = deps;
  return {
    'keptAside.bringIn': ({ key, password }) => keptAside.bringIn(key, password),
    'keptAside.delete': async ({ key }) => {
      await keptAside.remove(key);
      deps.onChanged();
      return deps.status();
    },
  } satisfies Partial<Handlers>;
}
