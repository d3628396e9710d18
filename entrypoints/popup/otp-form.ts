/**
 * The item editor's one-time code, kept apart from item-form.ts: what the user typed or a QR
 * code held, what is wrong with it, and the normalised otpauth URI that `vault.save` stores.
 */
import { normalizeOtp, OtpError, parseOtp, type OtpProblem } from '@/lib/vault/totp';
import type { ItemForm } from './item-form';

/** The setup as the form holds it: a stored URI, or what was pasted; '' for none. */
export function otpOf(form: ItemForm): string {
  const otp = (form as { otp?: unknown }).otp;
  return form.type === 'login' && typeof otp === 'string' ? otp : '';
}

/** What is wrong with the setup as typed, if anything ('' is none at all). */
export function otpProblem(form: ItemForm): OtpProblem | undefined {
  const text = otpOf(form);
  if (!text.trim()) return undefined;
  try {
    parseOtp(text);
    return undefined;
  } catch (error) {
    if (error instanceof OtpError) return error.problem;
    throw error;
  }
}

/**
 * What `toSave` made, with a login's setup normalised. Checked before Save (otpProblem): a setup
 * that does not parse never gets this far.
 */
export function withOtp(form: ItemForm, saved: Record<string, unknown>): Record<string, unknown> {
  if (form.type !== 'login') return saved;
  const text = otpOf(form).trim();
  return { ...saved, otp: text ? normalizeOtp(text) : '' };
}
