/**
 * The sync server's address. DESIGN.md §8: the extension talks to a server only over https, except on
 * loopback addresses (development and tests). Checked here because a setup code is untrusted input: a
 * crafted QR code must not point the extension at a plain-http server on the network.
 */
import { ServerUrlError, type ServerUrlProblem } from './errors';

// The WHATWG URL parser has already turned 127.1, 0x7f.1 and friends into dotted decimal.
const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** True for localhost, 127.0.0.0/8 and [::1]: the only hosts that may be reached over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || LOOPBACK_V4.test(hostname);
}

function bad(problem: ServerUrlProblem, reason: string): ServerUrlError {
  return new ServerUrlError(problem, `The server address is not usable: ${reason}`);
}

/**
 * Checks a server address and returns its canonical form: scheme and host in lower case, default
 * port dropped, no trailing slash (`https://vault.example.com`, `http://127.0.0.1:8787`,
 * `https://example.com/cassaforte`). Throws ServerUrlError (a SetupCodeError 'bad-server-url').
 */
export function parseServerUrl(text: string): string {
  if (typeof text !== 'string') throw bad('empty', 'it is missing.');
  const trimmed = text.trim();
  // The URL parser silently drops tabs and newlines inside a URL; refuse them instead.
  if (trimmed === '') throw bad('empty', 'it is empty.');
  if (/[\u0000-\u0020\u007f]/.test(trimmed)) throw bad('spaces', 'it contains spaces.');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw bad('not-an-address', 'it is not a web address.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw bad('scheme', 'it must start with https://.');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw bad(
      'http-not-loopback',
      'only https:// is allowed, except for a server on this computer.',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw bad('user-name', 'it must not contain a user name.');
  }
  if (url.search !== '' || url.hash !== '' || trimmed.includes('?') || trimmed.includes('#')) {
    throw bad('query', 'it must not contain ? or #.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
