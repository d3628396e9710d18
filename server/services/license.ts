import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ACCOUNT_KEY_BYTES } from '../../lib/account-key/base32';
import { checkLicenseCode, formatLicenseCode } from '../../lib/account-key/codes';
import { planSchema, type Plan } from '../../lib/api/common';
import type { AppDeps } from '../deps';
import type { Schema } from '../db/schema';
import { ApiError } from '../http/errors';
import { keyedHash } from './tokens';

/** Devices each plan lets be signed in at once (null: no limit). DESIGN §5. */
export const DEVICE_LIMITS: Record<Plan, number | null> = { free: 1, pro: null };

const PLAN_ORDER: readonly Plan[] = ['free', 'pro'];
/** Redeeming never lowers a plan: a free code on a pro account leaves it pro. */
const higher = (a: Plan, b: Plan) => (PLAN_ORDER.indexOf(a) >= PLAN_ORDER.indexOf(b) ? a : b);

/**
 * Keyed hash of the canonical code: a leaked table neither lists codes nor lets anyone test
 * guesses without the server secret (and 128 bits make guessing hopeless anyway).
 */
function licenseHash(secret: Buffer, code: string): string {
  const canonical = checkLicenseCode(code).code;
  if (canonical === undefined) throw new Error('not a license code');
  return keyedHash(secret, 'license-code', canonical).toString('base64url');
}

/**
 * A new single-use code granting `plan`: 128 random bits, written like the account key. What
 * `npm run admin -- license issue` runs, and what tests grant `pro` with.
 */
export async function issueLicenseCode(
  db: Kysely<Schema>,
  secret: Buffer,
  plan: Plan,
  now: number,
): Promise<string> {
  const code = formatLicenseCode(randomBytes(ACCOUNT_KEY_BYTES));
  await db
    .insertInto('license_codes')
    .values({ code_hash: licenseHash(secret, code), plan, created_at: now })
    .execute();
  return code;
}

export function createLicenseService(deps: AppDeps) {
  const { db } = deps.database;
  return {
    /** Uses the code up and binds its plan to the account; 400 invalid_license if unknown or used. */
    async redeem(accountId: string, code: string): Promise<Plan> {
      return db.transaction().execute(async (trx) => {
        const used = await trx
          .updateTable('license_codes')
          .set({ redeemed_at: deps.now(), redeemed_by: accountId })
          .where('code_hash', '=', licenseHash(deps.secrets.serverSecret, code))
          .where('redeemed_at', 'is', null)
          .returning('plan')
          .executeTakeFirst();
        if (used === undefined) {
          throw new ApiError(400, 'invalid_license', 'this license code is unknown or used');
        }
        const account = await trx
          .selectFrom('accounts')
          .select('plan')
          .where('id', '=', accountId)
          .executeTakeFirstOrThrow();
        const current = planSchema.catch('free').parse(account.plan);
        const plan = higher(current, planSchema.parse(used.plan));
        await trx
          .updateTable('accounts')
          .set({ plan, updated_at: deps.now() })
          .where('id', '=', accountId)
          .execute();
        return plan;
      });
    },
  };
}

export type LicenseService = ReturnType<typeof createLicenseService>;
