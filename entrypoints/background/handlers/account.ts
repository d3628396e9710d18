/** Account and session messages: the lock state machine seen from the protocol. */
import type { AppStatus } from '@/lib/messaging/protocol';
import type { Handlers } from '../router';
import type { AccountService } from '../services/account';

export function createAccountHandlers(deps: {
  account: AccountService;
  status: () => Promise<AppStatus>;
}) {
  const { account, status } = deps;
  return {
    'app.status': () => status(),
    'account.create': (p) => account.create(p),
    'account.kit': () => account.kit(),
    'account.kitSaved': async () => {
      await account.kitSaved();
      return status();
    },
    'account.signIn': async (p) => {
      await account.signIn(p);
      return status();
    },
    'account.signOut': async () => {
      await account.signOut();
      return status();
    },
    'account.info': () => account.info(),
    'account.changePassword': (p) => account.changePassword(p),
    'account.requestReset': (p) => account.requestReset(p),
    'session.unlock': async ({ password }) => {
      await account.unlock(password);
      return status();
    },
    'session.lock': async () => {
      await account.lock('manual');
      return status();
    },
  } satisfies Partial<Handlers>;
}
