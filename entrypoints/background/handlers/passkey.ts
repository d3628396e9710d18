/** Passkey unlock messages (lib/messaging/passkey.ts), over services/passkey.ts. */
import type { AppStatus } from '@/lib/messaging/protocol';
import type { Handlers } from '../router';
import type { PasskeyService } from '../services/passkey';

export function createPasskeyHandlers(deps: {
  passkey: PasskeyService;
  status: () => Promise<AppStatus>;
}) {
  const { passkey, status } = deps;
  return {
    'passkey.status': () => passkey.status(),
    'passkey.begin': ({ password }) => passkey.begin(password),
    'passkey.enrol': (p) => passkey.enrol(p),
    'passkey.unlock': async (p) => {
      await passkey.unlock(p);
      return status();
    },
    'passkey.setAskAfterRestart': ({ on }) => passkey.setAskAfterRestart(on),
    'passkey.remove': () => passkey.remove(),
  } satisfies Partial<Handlers>;
}
