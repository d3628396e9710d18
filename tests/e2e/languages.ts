/** What the browser suite covers: both browsers, and the popup's text in every shipped language. */
import type { BrowserName } from '../support/binaries';

export const suiteBrowsers: BrowserName[] = ['chromium', 'firefox'];

export interface PopupLanguage {
  lang: string;
  /** The status line for a device with no account (`statusSignedOut`). */
  signedOut: string;
  /** The version line, given the manifest's version (`statusVersion`). */
  version(version: string): string;
}

/** Written out rather than read from messages.json, so a lost or wrong catalogue fails here. */
export const popupLanguages: PopupLanguage[] = [
  {
    lang: 'en',
    signedOut: 'Not signed in on this device.',
    version: (v) => `Version ${v}`,
  },
  {
    lang: 'it',
    signedOut: 'Nessun account connesso su questo dispositivo.',
    version: (v) => `Versione ${v}`,
  },
  {
    lang: 'de',
    signedOut: 'Auf diesem Gerät nicht angemeldet.',
    version: (v) => `Version ${v}`,
  },
];

export const suiteLanguages = popupLanguages.map((l) => l.lang);
