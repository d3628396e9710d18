/**
 * The setup code: the text inside the Emergency Kit's QR code, which lets a new device sign in
 * without typing the account key (DESIGN.md §5). Version 1:
 *
 *   cassaforte:setup:1?email=alice%2Btag@example.com&server=https://vault.example.com&key=CF1-…
 *
 * - A private URI scheme, not an https link: a phone camera that scans the kit must never open a web
 *   page with the account key in its address (it would land in history, logs and the server's access
 *   log). Nothing on the web handles `cassaforte:`.
 * - Values are percent-encoded as in encodeURIComponent, except `@`, `:` and `/`, which RFC 3986
 *   allows in a query and which keep the QR code small and the text readable. `+` is literal, never
 *   a space. Fields may come in any order; each must appear exactly once; unknown fields are ignored
 *   so a later 1.x can add optional ones.
 * - The key is in its display format, so its check character is verified again when scanned.
 * - The number after `setup:` is the format version; a newer one gets 'unsupported-version'.
 */
import { formatAccountKey, parseAccountKey } from './account-key';
import { parseEmail } from './email';
import { AccountKeyError, SetupCodeError } from './errors';
import { parseServerUrl } from './server-url';

export const SETUP_CODE_PREFIX = 'cassaforte:setup:';
export const SETUP_CODE_VERSION = 1;

export interface SetupCode {
  /** Normalised: trimmed, lower case. */
  email: string;
  /** Canonical form from parseServerUrl. */
  serverUrl: string;
  /** The 16-byte account key. */
  accountKey: Uint8Array;
}

const FIELDS = ['email', 'server', 'key'] as const;
type Field = (typeof FIELDS)[number];

function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, '@').replace(/%3A/g, ':').replace(/%2F/g, '/');
}

/** Builds the setup code text. Checks every part, so a bad kit is never printed. */
export function encodeSetupCode(input: SetupCode): string {
  const email = parseEmail(input.email);
  const server = parseServerUrl(input.serverUrl);
  const key = formatAccountKey(input.accountKey);
  const query = [`email=${encodeValue(email)}`, `server=${encodeValue(server)}`, `key=${key}`];
  return `${SETUP_CODE_PREFIX}${SETUP_CODE_VERSION}?${query.join('&')}`;
}

function malformed(detail: string): SetupCodeError {
  return new SetupCodeError('malformed', `This setup code is damaged: ${detail}`);
}

function readFields(query: string): Record<Field, string> {
  const found = new Map<string, string>();
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw malformed('a field has no name or value.');
    const name = pair.slice(0, eq);
    if (found.has(name)) throw malformed(`the field "${name}" appears twice.`);
    let value: string;
    try {
      value = decodeURIComponent(pair.slice(eq + 1));
    } catch {
      throw malformed('a field is not correctly encoded.');
    }
    found.set(name, value);
  }
  const fields = {} as Record<Field, string>;
  for (const name of FIELDS) {
    const value = found.get(name);
    if (value === undefined) throw malformed(`the field "${name}" is missing.`);
    fields[name] = value;
  }
  return fields;
}

/** Setup code text (as scanned or pasted) → its parts, or a SetupCodeError. */
export function decodeSetupCode(text: string): SetupCode {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') throw new SetupCodeError('empty', 'The setup code is empty.');
  // URI schemes are case-insensitive (RFC 3986 §3.1); the rest is not.
  if (!trimmed.toLowerCase().startsWith(SETUP_CODE_PREFIX)) {
    throw new SetupCodeError(
      'not-a-setup-code',
      'This is not a Cassaforte setup code. Scan the QR code on your Emergency Kit.',
    );
  }
  const rest = trimmed.slice(SETUP_CODE_PREFIX.length);
  const match = /^(\d{1,6})\?(.*)$/s.exec(rest);
  if (!match) throw malformed('the version is missing.');
  const [, version = '', query = ''] = match;
  if (Number(version) !== SETUP_CODE_VERSION) {
    throw new SetupCodeError(
      'unsupported-version',
      'This setup code comes from a newer version of Cassaforte. Update the extension and try again.',
    );
  }
  const fields = readFields(query);
  const email = parseEmail(fields.email);
  const serverUrl = parseServerUrl(fields.server);
  let accountKey: Uint8Array;
  try {
    accountKey = parseAccountKey(fields.key);
  } catch (error) {
    if (!(error instanceof AccountKeyError)) throw error;
    throw new SetupCodeError('bad-account-key', `The account key in this setup code is damaged.`, {
      cause: error,
    });
  }
  return { email, serverUrl, accountKey };
}
