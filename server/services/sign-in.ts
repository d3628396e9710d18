import type { Plan } from '../../lib/api/common';
import { planSchema } from '../../lib/api/common';
import type { AppDeps } from '../deps';
import { ApiError } from '../http/errors';
import type { Language } from '../http/language';
import { newSignInEmail } from '../mail/templates';
import type { AccountService } from './accounts';
import { DEVICE_LIMITS } from './license';
import type { SessionService } from './sessions';

/**
 * What follows a correct login proof: the sessions the user chose to sign out end first (the
 * proof authorises it; each device is told who did it), then the plan's device limit applies,
 * then the new session starts and the owner gets a notice email, in the language of the sign-in's
 * request (`lang`).
 */
export function createSignInService(
  deps: AppDeps,
  accounts: AccountService,
  sessions: SessionService,
) {
  return {
    async start(input: {
      accountId: string;
      deviceName: string;
      signOutSessions?: string[];
      lang: Language;
    }) {
      const { accountId, deviceName } = input;
      const ended = await sessions.revokeWithNotice(accountId, input.signOutSessions ?? [], {
        deviceName,
      });
      for (const sessionId of ended)
        deps.live.publish({ type: 'session-ended', accountId, sessionId });

      const account = await accounts.get(accountId);
      const plan: Plan = planSchema.catch('free').parse(account.plan);
      const deviceLimit = DEVICE_LIMITS[plan];
      const t = deps.now();
      // One transaction that writes the account row first: that serialises the sign-ins of one
      // account (a row lock on PostgreSQL, the write lock on SQLite), so two devices racing on a
      // free plan cannot both pass the limit.
      const session = await deps.database.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('accounts')
          .set({ last_sign_in_at: t })
          .where('id', '=', accountId)
          .execute();
        const signedIn = await sessions.list(accountId, null, trx);
        if (deviceLimit !== null && signedIn.length >= deviceLimit) {
          throw new ApiError(
            403,
            'device_limit',
            `the ${plan} plan allows ${deviceLimit} signed-in device(s)`,
            {},
            {
              plan,
              deviceLimit,
              sessions: signedIn.map((s) => ({
                id: s.id,
                deviceName: s.deviceName,
                createdAt: s.createdAt,
                lastSeenAt: s.lastSeenAt,
                lastUnlockedAt: s.lastUnlockedAt,
              })),
            },
          );
        }
        return sessions.create(accountId, deviceName, trx);
      });
      // The first sign-in, right after creating the account, is no news to the owner.
      if (account.last_sign_in_at !== null) {
        deps.mailer.sendInBackground({
          to: account.email,
          ...newSignInEmail(input.lang, deviceName, t),
        });
      }
      return { session, account, plan };
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
