import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatShortCode, SHORT_CODE_BYTES } from '../../lib/account-key/codes';
import type { EmailVerification } from '../../lib/api/auth';
import type { AppDeps } from '../deps';
import type { Schema } from '../db/schema';
import { invalidCode } from '../http/errors';
import type { Language } from '../http/language';
import { accountExistsEmail, verificationEmail } from '../mail/templates';
import { findAccountByEmail } from './accounts';
import { hashToken, keyedHash, sameHash } from './tokens';

/** An emailed verification code works once, for 30 minutes. */
export const VERIFICATION_MS = 30 * 60_000;

/**
 * Email verification, the first step of creating an account (DESIGN §5). The answer to a request
 * never depends on whether the address is taken; the email does: a new address gets a code, a
 * taken one a notice to its owner, and no code, so registering it can only fail as a wrong code.
 */
export function createVerificationService(deps: AppDeps) {
  const { db } = deps.database;
  const codeHash = (id: string, code: string) =>
    keyedHash(deps.secrets.serverSecret, 'verify-code', `${id}\0${code}`).toString('base64url');

  async function request(email: string, id: string, lang: Language): Promise<void> {
    const taken = (await findAccountByEmail(db, email)) !== undefined;
    const code = taken ? null : formatShortCode(randomBytes(SHORT_CODE_BYTES));
    const t = deps.now();
    // A row either way: finishing does the same work for a taken address as for a wrong code.
    await db
      .insertInto('email_verifications')
      .values({
        id_hash: hashToken(id),
        email,
        code_hash: code === null ? null : codeHash(id, code),
        created_at: t,
        expires_at: t + VERIFICATION_MS,
      })
      .execute();
    const content =
      code === null
        ? accountExistsEmail(lang, deps.settings.publicUrl)
        : verificationEmail(lang, code);
    deps.mailer.sendInBackground({ to: email, ...content });
  }

  return {
    /**
     * The route answers first; the lookup, the row and the email (in `lang`, the requester's)
     * happen after it.
     */
    requestInBackground(email: string, id: string, lang: Language): void {
      request(email, id, lang).catch((err: unknown) =>
        deps.log.error(
          { err: { message: err instanceof Error ? err.message : String(err) } },
          'email verification request failed',
        ),
      );
    },

    /**
     * Inside the registration's transaction: uses the verification up, or throws invalid_code
     * (unknown id, another email, expired, wrong code, or a taken address that got no code).
     */
    async consume(trx: Kysely<Schema>, email: string, proof: EmailVerification): Promise<void> {
      const row = await trx
        .deleteFrom('email_verifications')
        .where('id_hash', '=', hashToken(proof.id))
        .where('email', '=', email)
        .returning(['code_hash', 'expires_at'])
        .executeTakeFirst();
      const right =
        row !== undefined &&
        row.expires_at > deps.now() &&
        row.code_hash !== null &&
        sameHash(row.code_hash, codeHash(proof.id, proof.code));
      // A wrong code rolls the transaction back, so the deletion above only sticks when right.
      if (!right) throw invalidCode();
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
