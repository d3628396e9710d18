/**
 * One-time codes (TOTP, RFC 6238) of a login: our small wrapper around the `otpauth` package,
 * which does the base32 decoding, the HMAC and the URI text. A login keeps its code's setup as a
 * normalised `otpauth://totp/…` URI (item.ts, `otp`); everything else reads it through here.
 *
 * What is accepted: an otpauth URI of type totp with a base32 secret, SHA-1, SHA-256 or SHA-512,
 * 6 to 8 digits and any period from 1 s to a day, or a bare base32 secret as sites show it for
 * typing in ("JBSW Y3DP EHPK 3PXP", SHA-1 / 6 digits / 30 s, what Google Authenticator assumes).
 * Anything else is refused with a reason the editor puts into words: a code that would not
 * match the site's is worse than none, since the user would only find out at the next sign-in.
 */
import { Secret, TOTP } from 'otpauth';

export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface OtpConfig {
  /** Base32 (RFC 4648, upper case, no padding). */
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  /** Seconds each code lasts. */
  period: number;
  issuer: string;
  label: string;
}

export type OtpProblem =
  /** Neither an otpauth:// URI nor something that looks like a base32 secret. */
  | 'not-otp'
  /** otpauth://hotp (counter based): a counter we would have to keep in step with the site. */
  | 'hotp'
  | 'no-secret'
  | 'bad-secret'
  | 'bad-algorithm'
  | 'bad-digits'
  | 'bad-period';

export class OtpError extends Error {
  constructor(readonly problem: OtpProblem) {
    super(`Not a usable one-time code setup (${problem}).`);
    this.name = 'OtpError';
  }
}

export const OTP_DEFAULTS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const ALGORITHMS = new Map<string, OtpAlgorithm>([
  ['SHA1', 'SHA1'],
  ['SHA-1', 'SHA1'],
  ['SHA256', 'SHA256'],
  ['SHA-256', 'SHA256'],
  ['SHA512', 'SHA512'],
  ['SHA-512', 'SHA512'],
]);
const MAX_PERIOD = 86_400;
/** 80 bits is RFC 4226's minimum and what sites give; fewer is a typo or a truncated paste. */
const MIN_SECRET_BYTES = 10;
const BASE32 = /^[A-Z2-7]+$/;

/** Spaces, dashes and padding as sites print secrets; base32 is case-insensitive. */
function cleanSecret(text: string): string {
  return text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
}

function checkedSecret(text: string | null): string {
  if (text === null || text.trim() === '') throw new OtpError('no-secret');
  const secret = cleanSecret(text);
  // Base32 groups of 8 characters carry 5 bytes; lengths 1, 3 and 6 (mod 8) cannot occur.
  if (!BASE32.test(secret) || [1, 3, 6].includes(secret.length % 8)) {
    throw new OtpError('bad-secret');
  }
  try {
    if (Secret.fromBase32(secret).bytes.length < MIN_SECRET_BYTES) throw new OtpError('bad-secret');
  } catch {
    throw new OtpError('bad-secret');
  }
  return secret;
}

function integerIn(text: string | null, fallback: number, min: number, max: number) {
  if (text === null || text === '') return fallback;
  if (!/^\d{1,6}$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseUri(text: string): OtpConfig {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OtpError('not-otp');
  }
  if (url.protocol !== 'otpauth:') throw new OtpError('not-otp');
  const type = url.host.toLowerCase();
  if (type === 'hotp') throw new OtpError('hotp');
  if (type !== 'totp') throw new OtpError('not-otp');
  const params = url.searchParams;
  const secret = checkedSecret(params.get('secret'));
  const algorithm = ALGORITHMS.get(
    (params.get('algorithm') ?? OTP_DEFAULTS.algorithm).toUpperCase(),
  );
  if (!algorithm) throw new OtpError('bad-algorithm');
  const digits = integerIn(params.get('digits'), OTP_DEFAULTS.digits, 6, 8);
  if (digits === undefined) throw new OtpError('bad-digits');
  const period = integerIn(params.get('period'), OTP_DEFAULTS.period, 1, MAX_PERIOD);
  if (period === undefined) throw new OtpError('bad-period');
  // The label is "Issuer:account" (Key Uri Format); the issuer parameter, when given, wins.
  const path = safeDecode(url.pathname.replace(/^\/+/, ''));
  const colon = path.indexOf(':');
  const label = (colon >= 0 ? path.slice(colon + 1) : path).trim();
  const issuer = (params.get('issuer') ?? (colon >= 0 ? path.slice(0, colon) : '')).trim();
  return { secret, algorithm, digits, period, issuer, label };
}

/**
 * What the user pasted or a QR code held, as a setup; throws OtpError saying what is wrong.
 * A bare secret gets the defaults (SHA-1, 6 digits, 30 s).
 */
export function parseOtp(input: string): OtpConfig {
  const text = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return parseUri(text);
  if (!/^[A-Za-z2-7\s=-]+$/.test(text)) throw new OtpError(text ? 'not-otp' : 'no-secret');
  return { secret: checkedSecret(text), ...OTP_DEFAULTS, issuer: '', label: '' };
}

function totpOf(config: OtpConfig): TOTP {
  return new TOTP({
    secret: Secret.fromBase32(config.secret),
    algorithm: config.algorithm,
    digits: config.digits,
    period: config.period,
    issuer: config.issuer,
    label: config.label,
    issuerInLabel: config.issuer !== '' && config.label !== '',
  });
}

/** The setup as the one URI text a login stores, whatever form it came in. */
export function normalizeOtp(input: string): string {
  return totpOf(parseOtp(input)).toString();
}

/** Like `parseOtp`, without throwing. */
export function safeParseOtp(input: string): OtpConfig | undefined {
  try {
    return parseOtp(input);
  } catch {
    return undefined;
  }
}

export interface OtpCode {
  code: string;
  /** Whole seconds the code is still good for (1…period). */
  secondsLeft: number;
  period: number;
}

/** The code at `now` (ms since the epoch) for a stored setup; throws OtpError if it is unusable. */
export function otpCodeAt(setup: string | OtpConfig, now: number): OtpCode {
  const config = typeof setup === 'string' ? parseOtp(setup) : setup;
  const totp = totpOf(config);
  const code = totp.generate({ timestamp: now });
  const secondsLeft = Math.ceil(totp.remaining({ timestamp: now }) / 1000) || config.period;
  return { code, secondsLeft, period: config.period };
}

/** Just the digits, or undefined when the login has no usable setup. */
export function currentOtp(setup: string, now: number): string | undefined {
  if (!setup) return undefined;
  try {
    return otpCodeAt(setup, now).code;
  } catch {
    return undefined;
  }
}
