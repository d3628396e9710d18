/**
 * How this device is named in the account's device list ("Firefox on Linux"), so the user can
 * tell their devices apart (issue 13 gathers browser differences under `lib/platform/`).
 */
import { isFirefox } from './target';

/**
 * The browser, from the build: the Firefox build runs only in Firefox, the Chrome build in
 * Chrome and its kin. Before issue 13 it was read from the user agent, which any browser may
 * dress up (and then said "Edge" for Edge; the Chrome build now says "Chrome" there too).
 */
export const browserName = isFirefox ? 'Firefox' : 'Chrome';

/**
 * The operating system is no browser difference and no build tells it, so it still comes from
 * the user agent; a name, never a decision the code takes.
 */
function operatingSystem(userAgent: string): string {
  if (/Windows/.test(userAgent)) return 'Windows';
  if (/Mac OS X/.test(userAgent)) return 'macOS';
  if (/Android/.test(userAgent)) return 'Android';
  if (/Linux/.test(userAgent)) return 'Linux';
  return 'this computer';
}

export function describeDevice(userAgent = globalThis.navigator?.userAgent ?? ''): string {
  return `${browserName} on ${operatingSystem(userAgent)}`;
}
