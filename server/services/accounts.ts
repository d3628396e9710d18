import * as opaque from '@serenity-kit/opaque';
import type { Kysely } from 'kysely';
import type { RegisterFinishRequest } from '../../lib/api/auth';
import type { Plan } from '../../lib/api/common';
import {
  DEFAULT_KDF_MEM_BYTES,
  DEFAULT_KDF_OPS,
  kdfParamsSchema,
  type KdfParams,
} from '../../lib/api/kdf';
import type { AppDeps } from '../deps';
import type { AccountsTable, Schema } from '../db/schema';
import { ApiError, invalidCode } from '../http/errors';
import type { VerificationService } from './verification';
import { keyedHash } from './tokens';

export type AccountRow = AccountsTable;

/** Parses the stored KDF JSON; the column is only written from validated input. */
export function storedKdf(row: Pick<AccountRow, 'kdf'>): KdfParams {
  return kdfParamsSchema.parse(JSON.parse(row.kdf));
}

/**
 * 409 stale_epoch for a write made for an epoch the account left, saying when the reset happened
 * (sessionEndedErrorSchema), so the device can tell the user.
 */
export async function staleEpoch(db: Kysely<Schema>, accountId: string): Promise<ApiError> {
  const account = await db
    .selectFrom('accounts')
    .select('reset_at')
    .where('id', '=', accountId)
    .executeTakeFirst();
  const at = account?.reset_at ?? null;
  return new ApiError(
    409,
    'stale_epoch',
    'the account was reset: sign in again',
    {},
    at === null ? {} : { at },
  );
}

export function findAccountByEmail(db: Kysely<Schema>, email: string) {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
}

/**
 * OPAQUE's registration response is stateless: it depends only on the server setup, the user
 * identifier and the request. The identifier is the normalised email, so it is stable across
 * password changes and resets and known before the account exists.
 */
export function registrationResponse(
  deps: AppDeps,
  email: string,
  registrationRequest: string,
): string {
  try {
    return opaque.server.createRegistrationResponse({
      serverSetup: deps.secrets.opaqueSetup,
      userIdentifier: email,
      registrationRequest,
    }).registrationResponse;
  } catch {
    throw new ApiError(400, 'bad_request', 'registrationRequest is not a valid OPAQUE message');
  }
}

export function createAccountService(deps: AppDeps) {
  const { db } = deps.database;

  return {
    /**
     * Deterministic stand-in parameters for an email without an account: the same shape and the
     * defaults new accounts use, with a salt that is a keyed hash of the email, so asking twice
     * gives the same answer and nothing distinguishes it from a real account's.
     */
    async prelogin(email: string): Promise<KdfParams> {
      const account = await findAccountByEmail(db, email);
      const fake: KdfParams = {
        alg: 'argon2id13',
        ops: DEFAULT_KDF_OPS,
        memBytes: DEFAULT_KDF_MEM_BYTES,
        salt: keyedHash(deps.secrets.serverSecret, 'prelogin-salt', email)
          .subarray(0, 16)
          .toString('base64url'),
      };
      return account === undefined ? fake : storedKdf(account);
    },

    /**
     * Creates the account at epoch 1, rev 0, once the emailed code is right. A taken email is
     * the same 400 invalid_code as a wrong code (its owner was sent a notice, never a code), so
     * registration does not tell anyone which emails have accounts (issue 11). The code is used
     * up only when the account is created.
     */
    async register(input: RegisterFinishRequest, plan: Plan, verification: VerificationService) {
      const t = deps.now();
      return db.transaction().execute(async (trx) => {
        await verification.consume(trx, input.email, input.verification);
        const inserted = await trx
          .insertInto('accounts')
          .values({
            id: input.accountId,
            email: input.email,
            plan,
            kdf: JSON.stringify(input.kdf),
            wrapped_vk: input.wrappedVaultKey,
            opaque_record: input.registrationRecord,
            hint: input.hint ?? null,
            rev: 0,
            epoch: 1,
            created_at: t,
            updated_at: t,
          })
          .onConflict((oc) => oc.doNothing())
          .returning(['id', 'epoch', 'plan'])
          .executeTakeFirst();
        if (inserted !== undefined) return inserted;
        const emailTaken = await findAccountByEmail(trx, input.email);
        // Registered by someone else since the code was sent: still only "wrong code".
        if (emailTaken !== undefined) throw invalidCode();
        throw new ApiError(409, 'account_id_taken', 'choose another account id');
      });
    },
    async get(accountId: string) {
      return db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow();
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
