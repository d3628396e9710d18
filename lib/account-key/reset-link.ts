/**
 * The link of a reset email, `<server>/reset#token=<32 bytes base64url>` (DESIGN §5), as people
 * paste it and as the popup reads it from the tab the server's reset page is open in. Pure text
 * functions: the popup and the background parse it the same way.
 *
 * Pasted text is forgiven what mail programs add: the words around the link, angle brackets,
 * a trailing full stop.
 */
import { parseServerUrl } from './server-url';

export interface ResetLink {
  /** The server the link belongs to, in parseServerUrl's canonical form. */
  serverUrl: string;
  token: string;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/i;
const TOKEN_IN_FRAGMENT = /(?:^#|&)token=([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;
const RESET_PATH = '/reset';

/** The reset link in `text` (alone or among other words), or null when there is none. */
export function parseResetLink(text: string): ResetLink | null {
  const found = URL_IN_TEXT.exec(text)?.[0];
  if (!found) return null;
  let url: URL;
  try {
    url = new URL(found);
  } catch {
    return null;
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith(RESET_PATH)) return null;
  const token = TOKEN_IN_FRAGMENT.exec(url.hash)?.[1];
  if (!token) return null;
  try {
    return { serverUrl: parseServerUrl(url.origin + path.slice(0, -RESET_PATH.length)), token };
  } catch {
    return null; // plain http to a host on the network, a user name in it…
  }
}

/** Whether `text` means to be a reset link (a URL with `/reset` and a token), valid or not. */
export function looksLikeResetLink(text: string): boolean {
  const found = URL_IN_TEXT.exec(text)?.[0] ?? '';
  return /\/reset\/?(?:[?#]|$)/.test(found) && found.includes('token=');
}

/**
 * Whether the link belongs to one of `servers` (this device's configured server, the server of the
 * request it sent): a link to another server is refused, so a look-alike email cannot send the
 * reset, and the new keys, somewhere else.
 */
export function isLinkForServer(
  link: ResetLink,
  servers: readonly (string | undefined)[],
): boolean {
  return servers.some((server) => {
    if (!server) return false;
    try {
      return parseServerUrl(server) === link.serverUrl;
    } catch {
      return false;
    }
  });
}
