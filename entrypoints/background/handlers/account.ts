/** Account and session messages: the lock state machine seen from the protocol. */
import type { Handlers } from '../router';
import type { AccountService } from '../services/account';
import type { Session } from '../services/session';
import { createExportHandlers } from './export';

export function createAccountHandlers(deps: {
  account: AccountService;
  session: Pick<Session, 'lock' | 'status'>;
}) {
  const { account, session } = deps;
  const status = () => session.status();
  return {
    'account.verifyEmail': (p) => account.verifyEmail(p),
    'account.resendCode': () => account.resendCode(),
    'account.pendingCreate': async () => ({ pending: await account.pendingAccount() }),
    'account.cancelCreate': async () => {
      await account.cancelAccount();
      return {};
    },
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
    'account.redeemLicense': ({ code }) => account.redeemLicense(code),
    'account.signOutDevice': ({ sessionId }) => account.signOutDevice(sessionId),
    'account.signOutOthers': () => account.signOutOthers(),
    'account.changePassword': (p) => account.changePassword(p),
    'account.requestReset': (p) => account.requestReset(p),
    'account.resetPending': () => account.resetPending(),
    'account.resetOpen': (p) => account.resetOpen(p),
    'account.resetPreview': () => account.resetPreview(),
    'account.reset': (p) => account.reset(p),
    'account.revealKit': ({ password }) => account.revealKit(password),
    'account.devices': () => account.devices(),
    ...createExportHandlers({ account }),
    'session.unlock': async ({ password }) => {
      await account.unlock(password);
      return status();
    },
    'session.lock': async () => {
      await session.lock('manual');
      return status();
    },
  } satisfies Partial<Handlers>;
}
