/** Account and session messages: the lock state machine seen from the protocol. */
import type { Handlers } from '../router';
import type { AccountService } from '../services/account';
import type { PasskeyService } from '../services/passkey';
import type { Session } from '../services/session';
import { createExportHandlers } from './export';
import { createPasskeyHandlers } from './passkey';

export function createAccountHandlers(deps: {
  account: AccountService;
  session: Pick<Session, 'lock' | 'status'>;
  passkey: PasskeyService;
}) {
  const { account, session, passkey } = deps;
  const status = () => session.status();
  return {
    'account.verifyEmail': (p) => account.verifyEmail(p),
    'account.resendCode': () => account.resendCode(),
    'account.pendingCreate': async () => ({ pending: await account.pendingAccount() }),
    'account.cancelCreate': async () => {
      await account.cancelAccount();
      return {};
    },
    'account.create': async (p) => {
      const kit = await account.create(p);
      await passkey.passwordUsed();
      return kit;
    },
    'account.kit': () => account.kit(),
    'account.kitSaved': async () => {
      await account.kitSaved();
      return status();
    },
    'account.signIn': async (p) => {
      await account.signIn(p);
      await passkey.passwordUsed();
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
    'account.changePassword': async (p) => {
      const changed = await account.changePassword(p);
      await passkey.remove(); // DESIGN §2: a password change drops the passkey wrap
      return changed;
    },
    'account.requestReset': (p) => account.requestReset(p),
    'account.resetPending': () => account.resetPending(),
    'account.resetOpen': (p) => account.resetOpen(p),
    'account.resetPreview': () => account.resetPreview(),
    'account.reset': async (p) => {
      const kit = await account.reset(p);
      await passkey.remove();
      return kit;
    },
    'account.revealKit': ({ password }) => account.revealKit(password),
    'account.devices': () => account.devices(),
    ...createExportHandlers({ account }),
    ...createPasskeyHandlers({ passkey, status }),
    'session.unlock': async ({ password }) => {
      await account.unlock(password);
      await passkey.passwordUsed();
      return status();
    },
    'session.lock': async () => {
      await session.lock('manual');
      return status();
    },
  } satisfies Partial<Handlers>;
}
